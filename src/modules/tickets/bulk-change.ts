import type { AppContext } from '../../core/context.js';
import { AppError, invalid } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import type { Ticket, TicketStatus } from './tables.js';
import { staffChangeTicket } from './staff-change-ticket.js';
import { findEnabledStaff } from '../staff/index.js';

export const bulkLimit = 100;

export interface BulkChangeInput {
  numbers: number[];
  /** A staff user's id, 'me' (the caller) or null (nobody); absent: the owner is kept. */
  assignee?: string | null;
  status?: TicketStatus;
}

export type BulkResult =
  | { number: number; ok: true; ticket: Ticket }
  | { number: number; ok: false; code: string; detail: string };

/**
 * Issue 11 / T-16: assign and / or set the status of up to 100 tickets at once. Each ticket goes
 * through the single-ticket change (staffChangeTicket) in its own transaction, so every rule of one
 * change holds for each (T-7 any status, T-8 pre-close, T-17 a license log is refused, a merged
 * ticket keeps its status) and each gets its timeline events and status mails. Per-ticket results,
 * not all-or-nothing: one ticket refused (say, a license log among the selection) does not undo
 * the work done on the other 99, and the answer says which failed and why. What would fail every
 * ticket alike (an unknown or disabled assignee, an empty change) is refused up front with a 400.
 * Tickets are changed in ascending number order, so two bulk changes never lock in opposite orders.
 */
export async function bulkChangeTickets(
  ctx: AppContext,
  actor: StaffActor,
  input: BulkChangeInput,
): Promise<BulkResult[]> {
  if (input.assignee === undefined && input.status === undefined)
    throw invalid({ field: 'status', message: 'Choose a status or an owner to set.' });
  const assigneeId = input.assignee === 'me' ? actor.id : input.assignee;
  if (assigneeId && !(await findEnabledStaff(ctx.db, assigneeId)))
    throw invalid({ field: 'assignee', message: 'Choose an active staff user.' });
  const numbers = [...new Set(input.numbers)].sort((a, b) => a - b);
  const results: BulkResult[] = [];
  for (const number of numbers) {
    try {
      const ticket = await staffChangeTicket(ctx, actor, String(number), {
        ...(assigneeId !== undefined ? { assigneeId } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
      });
      results.push({ number, ok: true, ticket });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ number, ok: false, code: err.code, detail: err.detail ?? err.message });
    }
  }
  return results;
}
