import { access, type StaffActor } from '../../core/policy.js';
import type { Ticket } from '../tickets/index.js';

/**
 * Who may call each route of the access-info module (T-18). Customers: any profile of the ticket's
 * company that may use the Communication center, on a ticket of their own company only
 * (another company's number is 404). Staff: the ticket workers, see `worksTicket`.
 */
export const accessInfoPolicy = {
  get: access.profile('tickets.use'),
  put: access.profile('tickets.use'),
  erase: access.profile('tickets.use'),
  staffGet: access.staff('staff.tickets'),
  staffReveal: access.staff('staff.tickets'),
};

/**
 * T-18 "shown only to staff working the ticket": its assignee, and the head of its department
 * (who answers for the department's tickets). Nobody else, admins included: they assign the ticket
 * to themselves first, which the timeline then shows to everyone working it.
 */
export function worksTicket(
  actor: Pick<StaffActor, 'id'>,
  t: Pick<Ticket, 'assignee_id'>,
  departmentHeadId: string | null,
): boolean {
  return t.assignee_id === actor.id || (departmentHeadId !== null && departmentHeadId === actor.id);
}

/** T-18: customers post or replace access info while the ticket is not Closed; they erase it at any time. */
export function canPostAccessInfo(t: Pick<Ticket, 'status' | 'merged_into_id' | 'type_key'>): boolean {
  return t.status !== 'closed' && !t.merged_into_id && t.type_key !== 'license_log';
}
