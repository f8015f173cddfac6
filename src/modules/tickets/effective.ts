import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { TicketPriority } from '../../core/db/schema.js';
import { companyHabit, defaultEffectivePriority, effectivePriority, type Priority } from './effective-priority.js';

/**
 * T-11: the effective priority of a company's ticket: its priority against the company's habit over
 * the tickets it opened in the window (one indexed query on the company's recent tickets).
 */
export async function effectiveFor(db: DbOrTrx, companyId: string, priority: TicketPriority, now: Date, excludeTicketId?: string): Promise<number> {
  const since = new Date(now.getTime() - defaultEffectivePriority.windowDays * 86_400_000);
  // Counts per priority in one aggregate row (the window's most recent 1000 tickets at most).
  let recent = db
    .selectFrom('tickets')
    .select('priority')
    .where('company_id', '=', companyId)
    .where('created_at', '>=', since)
    .where('type_key', '<>', 'license_log')
    .orderBy('created_at', 'desc')
    .limit(1000);
  if (excludeTicketId) recent = recent.where('id', '<>', excludeTicketId);
  const row = await db
    .selectFrom(recent.as('r'))
    .select([
      sql<string>`count(*) filter (where priority = 'major')`.as('major'),
      sql<string>`count(*) filter (where priority = 'normal')`.as('normal'),
      sql<string>`count(*) filter (where priority = 'minor')`.as('minor'),
    ])
    .executeTakeFirstOrThrow();
  const list: Priority[] = [
    ...Array<Priority>(Number(row.major)).fill('major'),
    ...Array<Priority>(Number(row.normal)).fill('normal'),
    ...Array<Priority>(Number(row.minor)).fill('minor'),
  ];
  return effectivePriority(priority, companyHabit(list));
}
