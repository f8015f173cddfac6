import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { TicketPriority } from './tables.js';
import { companyHabit, defaultEffectivePriority, type Priority } from './effective-priority.js';

export type PriorityCounts = { major: number | string; normal: number | string; minor: number | string };

/**
 * T-11: the counts per priority of the company's tickets opened in the window (its most recent
 * 1000 at most): one aggregate row over the index (company_id, created_at).
 */
export function habitCounts(db: DbOrTrx, companyId: string, now: Date) {
  const recent = recentPriorities(db, companyId, now);
  return db
    .selectFrom(recent.as('r'))
    .select([
      sql<string>`count(*) filter (where priority = 'major')`.as('major'),
      sql<string>`count(*) filter (where priority = 'normal')`.as('normal'),
      sql<string>`count(*) filter (where priority = 'minor')`.as('minor'),
    ]);
}

/** The priorities of the company's tickets opened in the window, newest first, 1000 at most. */
function recentPriorities(db: DbOrTrx, companyId: string, now: Date) {
  const since = new Date(now.getTime() - defaultEffectivePriority.windowDays * 86_400_000);
  return db
    .selectFrom('tickets')
    .select('priority')
    .where('company_id', '=', companyId)
    .where('created_at', '>=', since)
    .where('type_key', '<>', 'license_log')
    .orderBy('created_at', 'desc')
    .limit(1000);
}

/** T-11: the habit given by the counts of the company's tickets (`also`: a ticket not yet written). */
export function habitFromCounts(counts: PriorityCounts, also?: TicketPriority): number {
  const list: Priority[] = [
    ...Array<Priority>(Number(counts.major)).fill('major'),
    ...Array<Priority>(Number(counts.normal)).fill('normal'),
    ...Array<Priority>(Number(counts.minor)).fill('minor'),
    ...(also ? [also] : []),
  ];
  return companyHabit(list);
}

const points = sql<number>`(CASE priority WHEN 'major' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END)`;
/** The statuses of a ticket that still queues (the queue index's condition) and Pre-closed ones. */
export const openStatuses = ['submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed'] as const;

/**
 * T-11: weighs every open ticket of the company against its habit. With `habit`, that value (known
 * to the caller, e.g. intake, where it includes the ticket being written in the same statement);
 * without, the habit is read from the window in the same statement. One UPDATE over the company's
 * tickets (index on company_id); rows whose weight does not change are not written.
 */
export function reweighOpenTickets(db: DbOrTrx, companyId: string, now: Date, habit?: number) {
  const h =
    habit === undefined
      ? sql<number>`(SELECT coalesce(avg(${points}), 2) FROM (${recentPriorities(db, companyId, now)}) r)`
      : sql<number>`${habit}::numeric`;
  const weight = sql<string>`round(${points} - (${h} - 2), 2)`;
  return db
    .updateTable('tickets')
    .set({ effective: weight })
    .where('company_id', '=', companyId)
    .where('status', 'in', openStatuses)
    .where('type_key', '<>', 'license_log')
    .where('merged_into_id', 'is', null)
    .where(sql<boolean>`effective IS DISTINCT FROM ${weight}`);
}
