import { access } from '../../core/policy.js';

/**
 * Who may call each route of the support module. Customers: every role sees its company's plans,
 * credits and support hours (`tickets.use`: support is part of the Communication center row of A-2).
 * Staff: any staff user reads a company's support; grants, adjustments and a license's period or VIP
 * care need `staff.support.credits`; defaults, product terms and the support hours `staff.support.settings`.
 * Row rule: a customer only ever reads its own company (the company comes from the session).
 */
export const supportPolicy = {
  overview: access.profile('tickets.use'),
  credits: access.profile('tickets.use'),
  staffCompany: access.staff('staff.companies'),
  staffPostCredits: access.staff('staff.support.credits'),
  staffSetLicense: access.staff('staff.support.credits'),
  staffSettings: access.staff('staff.support.settings'),
  staffSaveSettings: access.staff('staff.support.settings'),
  staffSetProductTerms: access.staff('staff.support.settings'),
  staffCalendar: access.staff('staff.support.settings'),
  staffSaveCalendar: access.staff('staff.support.settings'),
};
