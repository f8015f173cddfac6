import type { DbOrTrx } from '../../core/db/index.js';
import type { TicketPriority } from '../../core/db/schema.js';
import { companyHabit, defaultEffectivePriority, effectivePriority, type Priority } from './effective-priority.js';

/**
 * T-11: the effective priority of a company's ticket: its priority against the company's habit over
 * the tickets it opened in the window (one indexed query on the company's recent tickets).
 */
export async function effectiveFor(db: DbOrTrx, companyId: string, priority: TicketPriority, now: Date, excludeTicketId?: string): Promise<number> {
  const since = new Date(now.getTime() - defaultEffectivePriority.windowDays * 86_400_000);
  let q = db
    .selectFrom('tickets')
    .select('priority')
    .where('company_id', '=', companyId)
    .where('created_at', '>=', since)
    .where('type_key', '<>', 'license_log')
    .orderBy('created_at', 'desc')
    .limit(1000);
  if (excludeTicketId) q = q.where('id', '<>', excludeTicketId);
  const recent = (await q.execute()).map((r) => r.priority as Priority);
  return effectivePriority(priority, companyHabit(recent));
}
