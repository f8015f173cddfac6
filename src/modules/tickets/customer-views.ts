import { type SelectQueryBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { Database } from '../../core/db/schema.js';
import type { Selectable } from 'kysely';
import type { TicketsTable } from './tables.js';
import { openStatuses } from './queries.js';

/**
 * The views of the customer's communication index and home page:
 * - open: every ticket not Closed (Pre-closed, shown as "Solved", included), license logs and merged
 *   tickets left out — the predicate of the partial index tickets_company_open_idx;
 * - awaiting: an open ticket, not Pre-closed, whose last public message from a person (not a system
 *   note, never an internal note) came from an agent (`last_public_by = 'staff'`, kept by the trigger
 *   of migration 0014 on ticket_messages): the customer is the one to answer;
 * - solved: Pre-closed, closing by itself unless the customer replies (T-8, T-9);
 * - closed: Closed;
 * - all: everything (the default).
 */
export const customerViews = ['all', 'open', 'awaiting', 'solved', 'closed'] as const;
export type CustomerView = (typeof customerViews)[number];

type Tickets = SelectQueryBuilder<Database, 'tickets', object>;

/** Narrows a query of the company's tickets to one view. */
export function whereCustomerView<Q extends Tickets>(q: Q, view: CustomerView): Q {
  const open = (x: Q) =>
    x.where('tickets.type_key', '<>', 'license_log').where('tickets.merged_into_id', 'is', null) as Q;
  switch (view) {
    case 'all':
      return q;
    case 'open':
      return open(q.where('tickets.status', 'in', [...openStatuses, 'pre_closed']) as Q);
    case 'awaiting':
      return open(
        // last_public_by is kept by the trigger on ticket_messages (migration 0014).
        q.where('tickets.status', 'in', [...openStatuses]).where('tickets.last_public_by', '=', 'staff') as Q,
      );
    case 'solved':
      return open(q.where('tickets.status', '=', 'pre_closed') as Q);
    case 'closed':
      return q.where('tickets.status', '=', 'closed') as Q;
  }
}

/**
 * The numbers of the home page and of the view tabs: open, awaiting your reply, solved. One scan of
 * the company's entries in the partial index tickets_company_open_idx (open tickets only, however many
 * closed ones the company has); the last speaker is the ticket's own `last_public_by`.
 */
export async function customerTicketCounts(
  db: DbOrTrx,
  companyId: string,
): Promise<{ open: number; awaiting: number; solved: number }> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => [
      eb.fn.countAll<string>().as('open'),
      sql<string>`count(*) FILTER (WHERE tickets.status = 'pre_closed')`.as('solved'),
      sql<string>`count(*) FILTER (WHERE tickets.status <> 'pre_closed' AND tickets.last_public_by = 'staff')`.as(
        'awaiting',
      ),
    ])
    .where('tickets.company_id', '=', companyId)
    .$call((q) => whereCustomerView(q, 'open'))
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), awaiting: Number(row.awaiting), solved: Number(row.solved) };
}

/** Whether a ticket waits for the customer's reply: the "awaiting" view's predicate, on a loaded row. */
export function awaitsCustomerReply(t: Selectable<TicketsTable>): boolean {
  return (
    t.last_public_by === 'staff' &&
    (openStatuses as readonly string[]).includes(t.status) &&
    t.type_key !== 'license_log' &&
    t.merged_into_id === null
  );
}
