import { access } from '../../core/policy.js';

/**
 * Who may call each route of the service-levels module: the SLA targets are support settings
 * (department heads, admins), the reports are staff.support.reports. The ticket-side SLA clock and
 * time spent travel in the tickets module's staff routes (staff.tickets).
 */
export const serviceLevelsPolicy = {
  getSettings: access.staff('staff.support.settings'),
  saveSettings: access.staff('staff.support.settings'),
  report: access.staff('staff.support.reports'),
  reportCsv: access.staff('staff.support.reports'),
};
