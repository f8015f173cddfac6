import { inTransaction } from '../../core/db/transaction.js';
import type { AppContext } from '../../core/context.js';
import type { Ticket, TicketStatus } from './tables.js';
import { AppError, invalid } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { recordTicketEvent } from './events.js';
import { findTicket, mergedConflict } from './queries.js';
import { notifyStatus } from './status-mail.js';
import { rateLine } from './change-ticket.js';
import { findEnabledStaff } from '../staff/index.js';
import { updateTicketSla } from '../service-levels/index.js';

export interface StaffChangeInput {
  status?: TicketStatus;
  assigneeId?: string | null;
  type?: string;
  department?: string;
  solved?: boolean;
}

/**
 * T-16 staff ticket actions: set any status (T-7), assign / reassign / unassign, change the type or
 * the department (T-2), mark the issue solved (starts the T-8 support pre-close clock). Every change
 * is a timeline event; status changes are mailed to the customers (T-15).
 */
export async function staffChangeTicket(
  ctx: AppContext,
  actor: StaffActor,
  number: string,
  input: StaffChangeInput,
): Promise<Ticket> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const t = await findTicket(trx, number, true);
    // T-17: the license log is written by the system only; a merged ticket lives on in its target.
    if (t.type_key === 'license_log')
      throw new AppError('conflict', 'A license log ticket is kept by the system and cannot be changed.');
    if (t.merged_into_id && (input.status !== undefined || input.solved !== undefined))
      throw await mergedConflict(trx, t);
    const set: Record<string, unknown> = {};
    let status: TicketStatus = input.status ?? t.status;
    if (input.assigneeId !== undefined && input.assigneeId !== t.assignee_id) {
      let name = 'nobody';
      if (input.assigneeId) {
        const s = await findEnabledStaff(trx, input.assigneeId);
        if (!s) throw invalid({ field: 'assigneeId', message: 'Choose an active staff user.' });
        name = s.name;
      }
      set.assignee_id = input.assigneeId;
      await recordTicketEvent(trx, {
        ticketId: t.id,
        kind: 'assigned',
        actor,
        at: now,
        from: null,
        to: name,
        internal: true,
      });
      if (input.status === undefined && t.status === 'submitted' && input.assigneeId) status = 'assigned';
      if (input.status === undefined && t.status === 'assigned' && !input.assigneeId) status = 'submitted';
    }
    if (input.type !== undefined && input.type !== t.type_key) {
      const type = await trx
        .selectFrom('ticket_types')
        .select(['key', 'department_key', 'hotrush_allowed', 'system'])
        .where('key', '=', input.type)
        .executeTakeFirst();
      if (!type || type.system) throw invalid({ field: 'type', message: 'Choose another ticket type.' });
      set.type_key = type.key;
      await recordTicketEvent(trx, { ticketId: t.id, kind: 'type', actor, at: now, from: t.type_key, to: type.key });
      // T-12: HotRush is for tech support only; a ticket leaving it loses HotRush (not a customer's disable).
      if (t.hotrush && !type.hotrush_allowed) {
        set.hotrush = false;
        await recordTicketEvent(trx, { ticketId: t.id, kind: 'hotrush', actor, at: now, from: 'true', to: 'false' });
      }
      if (input.department === undefined && type.department_key !== t.department_key)
        input.department = type.department_key;
    }
    if (input.department !== undefined && input.department !== t.department_key) {
      const d = await trx
        .selectFrom('departments')
        .select('key')
        .where('key', '=', input.department)
        .executeTakeFirst();
      if (!d) throw invalid({ field: 'department', message: 'No such department.' });
      set.department_key = d.key;
      await recordTicketEvent(trx, {
        ticketId: t.id,
        kind: 'department',
        actor,
        at: now,
        from: t.department_key,
        to: d.key,
      });
    }
    if (input.solved !== undefined) {
      if (input.solved && (t.status === 'closed' || t.status === 'pre_closed'))
        throw new AppError('conflict', 'The ticket is already (pre-)closed.');
      set.solved_at = input.solved ? now : null;
      await recordTicketEvent(trx, {
        ticketId: t.id,
        kind: 'solved',
        actor,
        at: now,
        from: t.solved_at ? 'solved' : null,
        to: input.solved ? 'solved' : null,
      });
    }
    const assigneeAfter = set.assignee_id !== undefined ? set.assignee_id : t.assignee_id;
    if (status === 'assigned' && status !== t.status && !assigneeAfter)
      throw invalid({
        field: 'status',
        message: 'An Assigned ticket has an owner: choose the agent too (assigneeId).',
      });
    if (status !== t.status) {
      set.status = status;
      if (status === 'closed') set.closed_at = now;
      if (status === 'pre_closed') set.pre_closed_at = now;
      if (status !== 'closed' && status !== 'pre_closed') Object.assign(set, { closed_at: null, pre_closed_at: null });
    }
    if (Object.keys(set).length === 0) return t;
    // Only what the customer sees moves the ticket up their index; an assignment is internal.
    const visible = Object.keys(set).some((k) => k !== 'assignee_id');
    // S-6: a status, type (HotRush) or department change moves the SLA clock; the queue orders by its due.
    set.due_at = await updateTicketSla(trx, { ...t, ...(set as Partial<Ticket>) }, now, { kind: 'change' });
    const after = await trx
      .updateTable('tickets')
      .set({ ...set, ...(visible ? { last_activity_at: now } : {}), updated_at: now })
      .where('id', '=', t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status !== t.status) {
      await recordTicketEvent(trx, { ticketId: t.id, kind: 'status', actor, at: now, from: t.status, to: status });
      await notifyStatus(ctx, trx, after, status, now, status === 'closed' ? await rateLine(ctx, after) : undefined);
    }
    return after;
  });
}
