import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import { type CursorPart, decodeCursor, encodeCursor } from '../../core/pagination.js';
import type { Ticket, TicketPriority, TicketStatus } from './tables.js';
import type { TicketDays } from './closes-at.js';
import { presentStaffTickets } from './load-tickets.js';

/** The statuses an agent still works on (the queue of T-16). */
export const workStatuses = ['submitted', 'assigned', 'in_progress', 'reopened'] as const satisfies TicketStatus[];

/**
 * Issue 11 / T-16: the queue's views. open: every ticket being worked on; unassigned: nobody owns it;
 * mine: the caller owns it; waiting: an agent wrote last (the customer is to answer); breaching:
 * open and its due time has passed (shown as "Past due"); solved: the
 * T-8 Pre-closed state, closing on its own unless the customer replies (T-9).
 */
export const queueViews = ['open', 'unassigned', 'mine', 'waiting', 'breaching', 'solved'] as const;
export type QueueView = (typeof queueViews)[number];

/** The sorts: the queue order of T-11 (HotRush, due, effective priority, oldest), age (oldest first), last activity (newest first). */
export const queueSorts = ['queue', 'age', 'activity'] as const;
export type QueueSort = (typeof queueSorts)[number];

/** The zero uuid: "nobody" in the counters' assignee_key. */
export const nobody = '00000000-0000-0000-0000-000000000000';

export interface QueueInput {
  department?: string;
  view: QueueView;
  sort: QueueSort;
  statuses?: TicketStatus[];
  priorities?: TicketPriority[];
  companyId?: string;
  meId: string;
  /** The clock's now: what "past due" is measured against. */
  now: Date;
  limit: number;
  cursor?: string;
}

const statusesOf = (view: QueueView): TicketStatus[] => (view === 'solved' ? ['pre_closed'] : [...workStatuses]);
// pg reads 'infinity' as Infinity (a number), a finite time as a Date.
const dueKey = (d: unknown) => (d instanceof Date && Number.isFinite(d.getTime()) ? d.toISOString() : 'infinity');

/**
 * The queue (all departments or one), one view, one sort, filtered by status, priority and company;
 * keyset-paged on the sort's full key (its last column the id, so ties never skip or repeat a row).
 * Each sort has a partial index over the tickets not Closed, with and without the department
 * (migration 0014): a page reads its rows off the index, never the whole table.
 */
export async function queueList(
  db: DbOrTrx,
  input: QueueInput,
): Promise<{ rows: Ticket[]; nextCursor: string | null }> {
  const q = queueQuery(db, input);
  if (!q) return { rows: [], nextCursor: null };
  const rows = await q.execute();
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? cursorOf(input.sort, last) : null };
}

/** The query of one page (limit + 1 rows), or null when the filters leave no status of the view. */
export function queueQuery(db: DbOrTrx, input: QueueInput) {
  const wanted = statusesOf(input.view).filter((s) => !input.statuses?.length || input.statuses.includes(s));
  if (!wanted.length) return null;
  let q = db
    .selectFrom('tickets')
    .selectAll()
    .where('status', 'in', wanted)
    .where('type_key', '<>', 'license_log')
    .where('merged_into_id', 'is', null);
  if (input.department) q = q.where('department_key', '=', input.department);
  if (input.view === 'unassigned') q = q.where('assignee_id', 'is', null);
  if (input.view === 'mine') q = q.where('assignee_id', '=', input.meId);
  if (input.view === 'waiting') q = q.where('last_public_by', '=', 'staff');
  if (input.view === 'breaching') q = q.where('due_at', 'is not', null).where('due_at', '<', input.now);
  if (input.priorities?.length) q = q.where('priority', 'in', input.priorities);
  if (input.companyId) q = q.where('company_id', '=', input.companyId);
  if (input.sort === 'queue') {
    if (input.cursor) {
      const [hot, due, eff, at, id] = decodeFor(input.cursor, 'queue', [
        'int',
        'time-or-infinity',
        'number',
        'time',
        'uuid',
      ]);
      q = q.where(
        sql<boolean>`(hot_rank, queue_due, queue_effective, created_at, id) > (${hot}::smallint, ${due}::timestamptz, ${eff}::int, ${at}::timestamptz, ${id}::uuid)`,
      );
    }
    q = q.orderBy('hot_rank').orderBy('queue_due').orderBy('queue_effective').orderBy('created_at').orderBy('id');
  } else if (input.sort === 'age') {
    if (input.cursor) {
      const [at, id] = decodeFor(input.cursor, 'age', ['time', 'uuid']);
      q = q.where(sql<boolean>`(created_at, id) > (${at}::timestamptz, ${id}::uuid)`);
    }
    q = q.orderBy('created_at').orderBy('id');
  } else {
    if (input.cursor) {
      const [at, id] = decodeFor(input.cursor, 'activity', ['time', 'uuid']);
      q = q.where(sql<boolean>`(last_activity_at, id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    q = q.orderBy('last_activity_at', 'desc').orderBy('id', 'desc');
  }
  return q.limit(input.limit + 1);
}

function cursorOf(sort: QueueSort, t: Ticket): string {
  if (sort === 'queue')
    return encodeCursor([sort, t.hot_rank, dueKey(t.queue_due), t.queue_effective, t.created_at.toISOString(), t.id]);
  if (sort === 'age') return encodeCursor([sort, t.created_at.toISOString(), t.id]);
  return encodeCursor([sort, t.last_activity_at.toISOString(), t.id]);
}

/** A cursor is bound to its sort: one from another sort would page a different order (400, like any bad cursor). */
function decodeFor(cursor: string, sort: QueueSort, shape: CursorPart[]): (string | number)[] {
  const [tag, ...rest] = decodeCursor(cursor, ['string', ...shape]);
  if (tag !== sort) decodeCursor('', ['uuid']);
  return rest;
}

export interface ViewCounts {
  open: number;
  unassigned: number;
  mine: number;
  waiting: number;
  solved: number;
  breaching: number;
}

/**
 * The count of every view per department, from the maintained counters (ticket_queue_counts: a
 * few hundred rows whatever the number of tickets) and, for "breaching" (due time passed, still
 * open), a range count over the small partial index tickets_due_open_idx.
 */
export async function queueCounts(db: DbOrTrx, meId: string, now: Date): Promise<Map<string, ViewCounts>> {
  const work = sql.join(workStatuses.map((s) => sql.lit(s)));
  const [counts, breaching] = await Promise.all([
    db
      .selectFrom('ticket_queue_counts')
      .select([
        'department_key',
        sql<string>`coalesce(sum(n) filter (where status in (${work})), 0)`.as('open'),
        sql<string>`coalesce(sum(n) filter (where status in (${work}) and assignee_key = ${nobody}::uuid), 0)`.as(
          'unassigned',
        ),
        sql<string>`coalesce(sum(n) filter (where status in (${work}) and assignee_key = ${meId}::uuid), 0)`.as('mine'),
        sql<string>`coalesce(sum(n) filter (where status in (${work}) and waiting), 0)`.as('waiting'),
        sql<string>`coalesce(sum(n) filter (where status = 'pre_closed'), 0)`.as('solved'),
      ])
      .groupBy('department_key')
      .execute(),
    breachingQuery(db, now).execute(),
  ]);
  const out = new Map<string, ViewCounts>();
  for (const c of counts)
    out.set(c.department_key, {
      open: Number(c.open),
      unassigned: Number(c.unassigned),
      mine: Number(c.mine),
      waiting: Number(c.waiting),
      solved: Number(c.solved),
      breaching: 0,
    });
  for (const b of breaching) {
    const c = out.get(b.department_key);
    if (c) c.breaching = Number(b.n);
  }
  return out;
}

/** "Breaching" per department: open tickets whose due time has passed (index tickets_due_open_idx). */
export function breachingQuery(db: DbOrTrx, now: Date) {
  return db
    .selectFrom('tickets')
    .select(['department_key', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', 'in', [...workStatuses])
    .where('due_at', 'is not', null)
    .where('due_at', '<', now)
    .groupBy('department_key');
}

/** The counts of one department, or of all added up. */
export function countsFor(all: Map<string, ViewCounts>, department?: string): ViewCounts {
  const zero: ViewCounts = { open: 0, unassigned: 0, mine: 0, waiting: 0, solved: 0, breaching: 0 };
  if (department) return all.get(department) ?? zero;
  for (const c of all.values()) for (const k of Object.keys(zero) as (keyof ViewCounts)[]) zero[k] += c[k];
  return zero;
}

/**
 * Rebuilds the counters from the tickets (for a database filled with the triggers off, e.g. the
 * bench's seeding, or a repair): one aggregate each, in the caller's transaction.
 */
export async function rebuildTicketCounters(db: DbOrTrx): Promise<void> {
  await sql`DELETE FROM ticket_queue_counts`.execute(db);
  await sql`INSERT INTO ticket_queue_counts (department_key, status, assignee_key, waiting, n)
    SELECT department_key, status, coalesce(assignee_id, ${nobody}::uuid), coalesce(last_public_by = 'staff', false), count(*)
    FROM tickets WHERE type_key <> 'license_log' AND merged_into_id IS NULL GROUP BY 1, 2, 3, 4`.execute(db);
  await sql`DELETE FROM ticket_stats_hourly`.execute(db);
  await sql`INSERT INTO ticket_stats_hourly (hour, department_key, created, solved, rated, rating_sum, rated_good)
    SELECT hour, department_key, sum(created), sum(solved), sum(rated), sum(rating_sum), sum(rated_good) FROM (
      SELECT date_trunc('hour', created_at, 'UTC') AS hour, department_key, 1 AS created, 0 AS solved, 0 AS rated, 0 AS rating_sum, 0 AS rated_good
      FROM tickets WHERE type_key <> 'license_log'
      UNION ALL
      SELECT date_trunc('hour', coalesce(closed_at, pre_closed_at), 'UTC'), department_key, 0, 1, 0, 0, 0
      FROM tickets WHERE status IN ('pre_closed', 'closed') AND coalesce(closed_at, pre_closed_at) IS NOT NULL
        AND type_key <> 'license_log' AND merged_into_id IS NULL
      UNION ALL
      SELECT date_trunc('hour', rated_at, 'UTC'), department_key, 0, 0, 1, rating, CASE WHEN rating >= 4 THEN 1 ELSE 0 END
      FROM tickets WHERE rating IS NOT NULL AND rated_at IS NOT NULL
    ) x GROUP BY 1, 2`.execute(db);
}

/** Queue rows as staff see them, with who is waiting and since when (age is createdAt). */
export async function presentQueueItems(db: DbOrTrx, rows: Ticket[], days?: TicketDays) {
  const items = await presentStaffTickets(db, rows, days);
  return items.map((t, i) => {
    const r = rows[i] as Ticket;
    return {
      ...t,
      waitingOn:
        r.last_public_by === 'staff'
          ? ('customer' as const)
          : r.last_public_by === 'customer'
            ? ('staff' as const)
            : null,
      waitingSince: r.waiting_since ? new Date(r.waiting_since).toISOString() : null,
    };
  });
}
