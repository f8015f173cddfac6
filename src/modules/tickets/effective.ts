import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { TicketPriority } from './tables.js';
import { companyHabit, defaultEffectivePriority, effectivePriority, type Priority } from './effective-priority.js';

export type PriorityCounts = { major: number | string; normal: number | string; minor: number | string };

/**
 * T-11: the counts per priority of the company's tickets opened in the window (its most recent
 * 1000 at most): one aggregate row over the index (company_id, created_at).
 */
export function habitCounts(db: DbOrTrx, companyId: string, now: Date, excludeTicketId?: string) {
  const since = new Date(now.getTime() - defaultEffectivePriority.windowDays * 86_400_000);
  let recent = db
    .selectFrom('tickets')
    .select('priority')
    .where('company_id', '=', companyId)
    .where('created_at', '>=', since)
    .where('type_key', '<>', 'license_log')
    .orderBy('created_at', 'desc')
    .limit(1000);
  if (excludeTicketId) recent = recent.where('id', '<>', excludeTicketId);
  return db
    .selectFrom(recent.as('r'))
    .select([
      sql<string>`count(*) filter (where priority = 'major')`.as('major'),
      sql<string>`count(*) filter (where priority = 'normal')`.as('normal'),
      sql<string>`count(*) filter (where priority = 'minor')`.as('minor'),
    ]);
}

/** T-11: a priority against the company's habit given by its counts. */
export function effectiveFromCounts(priority: TicketPriority, counts: PriorityCounts): number {
  const list: Priority[] = [
    ...Array<Priority>(Number(counts.major)).fill('major'),
    ...Array<Priority>(Number(counts.normal)).fill('normal'),
    ...Array<Priority>(Number(counts.minor)).fill('minor'),
  ];
  return effectivePriority(priority, companyHabit(list));
}

/**
 * T-11: the effective priority of a company's ticket: its priority against the company's habit over
 * the tickets it opened in the window (one indexed query on the company's recent tickets).
 */
export async function effectiveFor(
  db: DbOrTrx,
  companyId: string,
  priority: TicketPriority,
  now: Date,
  excludeTicketId?: string,
): Promise<number> {
  return effectiveFromCounts(
    priority,
    await habitCounts(db, companyId, now, excludeTicketId).executeTakeFirstOrThrow(),
  );
}
