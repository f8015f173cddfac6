// The service-levels module's surface (S-4, S-6, T-16): the tickets module moves a ticket's SLA clock
// through these functions and writes the due they return into tickets.due_at (the queue's order);
// the assessment holds the clock while a credit agreement is pending.
import type { ModuleDescriptor } from '../../core/module.js';
import { serviceLevelsJobs } from './jobs.js';
import { serviceLevelsRoutes } from './routes.js';

export {
  holdSlaForAgreement,
  newTicketSla,
  type SlaEvent,
  type SlaTicket,
  setTicketSlaPlan,
  stopTicketsSla,
  updateTicketSla,
} from './clock.js';
export { type SlaClock, slaClocks } from './present.js';
export { checkTimeSpent, maxTimeSpentMinutes, recordTimeSpent, ticketTimeSpent } from './time-spent.js';

/** SLA timers, warnings and breaches, time spent, support reports (S-4, S-6, T-16). */
export const serviceLevelsModule: ModuleDescriptor = {
  name: 'service-levels',
  routes: [serviceLevelsRoutes],
  jobs: serviceLevelsJobs,
  sections: [
    { key: 'staff-support-reports', area: 'staff', permission: 'staff.support.reports', position: 84 },
    { key: 'staff-sla-settings', area: 'staff', permission: 'staff.support.settings', position: 86 },
  ],
  // staff.support.settings and staff.support.reports are claimed by the support module.
  permissions: {},
};
