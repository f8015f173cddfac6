import type { Ticket } from './tables.js';
import type { TicketType } from './ticket-config.js';

export interface TicketDays {
  solved: number;
  close: number;
}

const day = 86_400_000;
const open = new Set<Ticket['status']>(['submitted', 'assigned', 'in_progress', 'reopened']);

/**
 * T-8 / T-9: when the close sweep will close this ticket if nobody writes, by the same rules the
 * jobs apply (automation.ts), or null when it will not close by itself:
 *  - Pre-closed (not a Project ticket): the pre-close time plus the close days (T-9);
 *  - open, marked solved, of a type with the support pre-close rule: it pre-closes once both the
 *    solved mark and the last message are `solved` days old, then closes `close` days later.
 * A customer's message withdraws the solved mark (post-message.ts), so the date holds "unless
 * the customer replies".
 */
export function closesAt(
  t: Pick<Ticket, 'status' | 'type_key' | 'solved_at' | 'pre_closed_at' | 'last_message_at'>,
  precloseRule: TicketType['preclose_rule'] | undefined,
  days: TicketDays,
): Date | null {
  if (t.status === 'pre_closed')
    return t.pre_closed_at && t.type_key !== 'project' ? new Date(t.pre_closed_at.getTime() + days.close * day) : null;
  if (!open.has(t.status) || !t.solved_at || precloseRule !== 'support') return null;
  const silentFrom = Math.max(t.solved_at.getTime(), t.last_message_at.getTime());
  return new Date(silentFrom + (days.solved + days.close) * day);
}

/** Solved as the customer understands it: an agent marked it solved, or it is pre-closed (T-8). */
export function isSolved(t: Pick<Ticket, 'status' | 'solved_at'>): boolean {
  return t.status === 'pre_closed' || (open.has(t.status) && t.solved_at !== null);
}
