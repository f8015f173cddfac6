// The tickets module's surface for other modules (licenses: the T-17 log ticket).
import type { ModuleDescriptor } from '../../core/module.js';
import { inboundMailRoutes } from './inbound/routes.js';
import { ticketsJobs } from './jobs.js';
import { ticketsRoutes } from './routes.js';
import { ticketsStaffRoutes } from './staff-routes.js';

export { appendLicenseLog } from './license-log.js';
export { countCustomerAttachments, customerTicketFiles } from './customer-attachments.js';
export { customerTicketCounts } from './customer-views.js';
export { ticketNumbers } from './queries.js';
export { departmentHeadId, findCompanyTicket, findTicket } from './queries.js';
export type { Ticket } from './tables.js';
export { type TicketForSupport, ticketForSupport } from './ticket-for-support.js';
export { recordTicketEvent } from './events.js';
export {
  departmentNames,
  holdTicketForAgreement,
  refreshCompanyTicketPlans,
  ticketsWithDepartmentHeads,
} from './sla-lookups.js';
export { createTicketFromChat } from './ticket-from-chat.js';

/** The communication center and inbound mail (T-1…T-17, E-2). */
export const ticketsModule: ModuleDescriptor = {
  name: 'tickets',
  routes: [ticketsRoutes, ticketsStaffRoutes, inboundMailRoutes],
  jobs: ticketsJobs,
  sections: [
    { key: 'tickets', area: 'portal', permission: 'tickets.use', position: 10 },
    { key: 'staff-tickets', area: 'staff', permission: 'staff.tickets', position: 10 },
    { key: 'staff-inbound', area: 'staff', permission: 'staff.tickets', position: 20 },
    { key: 'staff-canned', area: 'staff', permission: 'staff.tickets.settings', position: 30 },
  ],
  permissions: { profile: ['tickets.use'], staff: ['staff.tickets', 'staff.tickets.settings'] },
};
