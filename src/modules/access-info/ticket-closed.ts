import type { DbOrTrx } from '../../core/db/index.js';

/**
 * T-18: the tickets module tells when a ticket closed (`closedAt`) or re-opened (null), in the
 * transaction of the change, so the retention job counts its days from the row's own column (by an
 * index) instead of reading tickets. A ticket without access info costs one primary-key miss.
 */
export async function noteTicketClosed(db: DbOrTrx, ticketId: string, closedAt: Date | null): Promise<void> {
  await db
    .updateTable('ticket_access_info')
    .set({ ticket_closed_at: closedAt })
    .where('ticket_id', '=', ticketId)
    .execute();
}
