import { access } from '../../../core/policy.js';

/**
 * Who may call each assessment route (S-2). Customers: any profile with tickets.use (support is part of
 * the Communication center row of A-2); a ticket of another company is 404 (ticketForSupport). Staff:
 * those who work tickets assess; the service-pack pattern is a support setting.
 */
export const assessmentPolicy = {
  ticketPlan: access.profile('tickets.use'),
  customerState: access.profile('tickets.use'),
  agree: access.profile('tickets.use'),
  decline: access.profile('tickets.use'),
  staffState: access.staff('staff.tickets'),
  staffQuote: access.staff('staff.tickets'),
  staffAssess: access.staff('staff.tickets'),
  settingsGet: access.staff('staff.support.settings'),
  settingsPut: access.staff('staff.support.settings'),
};
