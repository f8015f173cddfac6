import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { Database } from '../../core/db/schema.js';
import { openStatuses } from './queries.js';

/**
 * The views of the customer's communication index and home page:
 * - open: every ticket not Closed (Pre-closed, shown as "Solved", included), license logs and merged
 *   tickets left out — the predicate of the partial index tickets_company_open_idx;
 * - awaiting: an open ticket, not Pre-closed, whose last public message from a person (not a system
 *   note, never an internal note) came from an agent: the customer is the one to answer;
 * - solved: Pre-closed, closing by itself unless the customer replies (T-8, T-9);
 * - closed: Closed;
 * - all: everything (the default).
 */
export const customerViews = ['all', 'open', 'awaiting', 'solved', 'closed'] as const;
export type CustomerView = (typeof customerViews)[number];

type Tickets = SelectQueryBuilder<Database, 'tickets', object>;

/** The author kind of the ticket's last public message written by a person, newest by seq. */
function lastSpeaker(eb: ExpressionBuilder<Database, 'tickets'>) {
  return eb
    .selectFrom('ticket_messages as lm')
    .select('lm.author_kind')
    .whereRef('lm.ticket_id', '=', 'tickets.id')
    .where('lm.internal', '=', false)
    .where('lm.author_kind', '<>', 'system')
    .orderBy('lm.seq', 'desc')
    .limit(1);
}

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
        q.where('tickets.status', 'in', [...openStatuses]).where((eb) => eb(lastSpeaker(eb), '=', 'staff')) as Q,
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
 * closed ones the company has), with one index probe of ticket_messages per open ticket for the
 * last speaker.
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
      sql<string>`count(*) FILTER (WHERE tickets.status <> 'pre_closed' AND (${lastSpeaker(eb)}) = 'staff')`.as(
        'awaiting',
      ),
    ])
    .where('tickets.company_id', '=', companyId)
    .$call((q) => whereCustomerView(q, 'open'))
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), awaiting: Number(row.awaiting), solved: Number(row.solved) };
}

/** Which of these tickets wait for the customer's reply (the list's "Awaiting your reply" badge): one query. */
export async function awaitingReplyAmong(db: DbOrTrx, ticketIds: string[]): Promise<Set<string>> {
  if (ticketIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('tickets')
    .select('tickets.id')
    .where('tickets.id', 'in', ticketIds)
    .$call((q) => whereCustomerView(q, 'awaiting'))
    .execute();
  return new Set(rows.map((r) => r.id));
}
