import { type SelectQueryBuilder, sql } from 'kysely';
import { access } from '../../core/policy.js';
import type { Ticket } from './tables.js';

/**
 * Who may call each route of the tickets module (A-2 row "Communication center"; A-10). The row
 * rules follow below: a customer finds a ticket by number within their own company only (another
 * company's number, attachment or message ID is 404), customer-facing reads apply
 * `customerVisible()`, and what may happen to a ticket is `canRate()` / `canCustomerPost()` /
 * `canReopen()`.
 */
export const ticketsPolicy = {
  options: access.profile('tickets.use'),
  list: access.profile('tickets.use'),
  create: access.profile('tickets.use'),
  get: access.profile('tickets.use'),
  change: access.profile('tickets.use'),
  post: access.profile('tickets.use'),
  rate: access.profile('tickets.use'),
  attachment: access.profile('tickets.use'),
  staffQueue: access.staff('staff.tickets'),
  staffSearch: access.staff('staff.tickets'),
  staffGet: access.staff('staff.tickets'),
  staffPost: access.staff('staff.tickets'),
  staffChange: access.staff('staff.tickets'),
  staffAttachment: access.staff('staff.tickets'),
  staffMove: access.staff('staff.tickets'),
  staffMerge: access.staff('staff.tickets'),
  staffAgents: access.staff('staff.tickets'),
  // Issue 11: bulk assign / status is the single change, many times: the same people.
  staffBulk: access.staff('staff.tickets'),
  // Issue 11: the Overview's figures are ticket work (content staff see the console without them).
  staffOverview: access.staff('staff.tickets'),
  cannedList: access.staff('staff.tickets'),
  cannedCreate: access.staff('staff.tickets.settings'),
  cannedDelete: access.staff('staff.tickets.settings'),
  // E-2: held inbound mail is reviewed by the people who work tickets.
  inboundList: access.staff('staff.tickets'),
  inboundGet: access.staff('staff.tickets'),
  inboundAct: access.staff('staff.tickets'),
};

/**
 * T-16: customers never see internal notes or staff-only events. Every customer-facing read of
 * ticket messages, events or attachments' messages goes through this modifier (the column is
 * `internal`, or `<alias>.internal` in a join), so the rule is written once.
 */
export function customerVisible<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  column: 'internal' | `${string}.internal` = 'internal',
): SelectQueryBuilder<DB, TB, O> {
  return query.where(sql<boolean>`${sql.ref(column)} = false`);
}

/**
 * T-13: a ticket can be rated when it is Closed and work on it has finished: an agent answered it
 * (a ticket the customer closed before anyone worked on it has nothing to rate), it was not merged
 * into another, and it is not a license log.
 */
export function canRate(t: Pick<Ticket, 'status' | 'type_key' | 'first_answer_at' | 'merged_into_id'>): boolean {
  return (
    t.status === 'closed' && t.type_key !== 'license_log' && t.first_answer_at !== null && t.merged_into_id === null
  );
}

/** T-6, T-7: a customer posts only while the ticket is not Closed (re-open it first). */
export function canCustomerPost(t: Pick<Ticket, 'status'>): boolean {
  return t.status !== 'closed';
}

/** T-7: a Closed or Pre-closed ticket can be re-opened, unless it was merged into another (T-16). */
export function canReopen(t: Pick<Ticket, 'status' | 'merged_into_id'>): boolean {
  return !t.merged_into_id && (t.status === 'closed' || t.status === 'pre_closed');
}
