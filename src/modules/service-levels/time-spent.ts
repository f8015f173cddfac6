import type { DbOrTrx, Trx } from '../../core/db/index.js';
import { invalid } from '../../core/errors.js';

/** T-16: the most an agent records on one answer (a day). */
export const maxTimeSpentMinutes = 1440;

/** T-16: whole minutes 0…1440, or a field error of `timeSpent`. */
export function checkTimeSpent(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > maxTimeSpentMinutes)
    throw invalid({ field: 'timeSpent', message: `Whole minutes from 0 to ${maxTimeSpentMinutes}.` });
}

/** T-16: stores the minutes an agent spent on an answer (or a note), in the answer's transaction. */
export async function recordTimeSpent(
  trx: Trx,
  r: { ticketId: string; messageId: string; staffId: string; minutes: number; at: Date },
): Promise<void> {
  checkTimeSpent(r.minutes);
  await trx
    .insertInto('ticket_time_spent')
    .values({
      message_id: r.messageId,
      ticket_id: r.ticketId,
      staff_id: r.staffId,
      minutes: r.minutes,
      created_at: r.at,
    })
    .execute();
}

/** T-16: a ticket's recorded time, per message (by its id) and in total (ticket_time_spent_ticket_idx). */
export async function ticketTimeSpent(
  db: DbOrTrx,
  ticketId: string,
): Promise<{ totalMinutes: number; perMessage: Map<string, { minutes: number; staffId: string }> }> {
  const rows = await db
    .selectFrom('ticket_time_spent')
    .select(['message_id', 'minutes', 'staff_id'])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .execute();
  return {
    totalMinutes: rows.reduce((n, r) => n + r.minutes, 0),
    perMessage: new Map(rows.map((r) => [r.message_id, { minutes: r.minutes, staffId: r.staff_id }])),
  };
}
