import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';

/**
 * S-6 reports (service-levels module): the credits charged on each ticket in [from, to), less those
 * refunded in it (S-2 re-assessment), read off credit_entries_ticket_at_idx (migration 0021).
 */
export async function creditsChargedBetween(
  db: DbOrTrx,
  from: Date,
  to: Date,
): Promise<{ ticketId: string; credits: number }[]> {
  const rows = await db
    .selectFrom('credit_entries')
    .select(['ticket_id', sql<string>`-sum(amount)`.as('credits')])
    .where('ticket_id', 'is not', null)
    .where('kind', 'in', ['charged', 'refunded'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('ticket_id')
    .execute();
  return rows.flatMap((r) => (r.ticket_id ? [{ ticketId: r.ticket_id, credits: Number(r.credits) }] : []));
}
