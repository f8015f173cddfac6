import { inTransaction } from '../../core/db/transaction.js';
import { sql } from 'kysely';
import type { Actor } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Ticket } from './tables.js';
import { recordTicketEvent } from './events.js';
import { rateLine } from './change-ticket.js';
import { notifyStatus } from './status-mail.js';
import { companyFirstOrders } from '../accounts/index.js';
import { stopTicketsSla } from '../service-levels/index.js';

const system: Actor = { kind: 'system', name: 'Clientele (automatic)' };
const batch = 200;
const days = (n: number) => n * 86_400_000;

/**
 * T-8: pre-closes silent tickets, exact to the minute of the injectable clock:
 *  - Support: an agent marked the issue solved and nothing was written for 3 days since;
 *  - Sales: no message for 30 days (14 for a pre-sales company, A-11);
 *  - Project: needs the projects module (all tasks finished); until it exists, never;
 *  - Generic (and the license log): never.
 * Each batch claims its tickets with FOR UPDATE SKIP LOCKED and changes them with a conditional
 * UPDATE in one transaction with their events and mails: a second app process running at the same
 * time skips them, and a run repeated later finds nothing left to do (idempotent).
 */
export async function preCloseSilentTickets(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const d = ctx.config.ticketDays;
  const solvedBefore = new Date(now.getTime() - days(d.solved));
  const salesBefore = new Date(now.getTime() - days(d.sales));
  const presalesBefore = new Date(now.getTime() - days(d.presales));
  let total = 0;
  for (;;) {
    const changed = await inTransaction(ctx.db, async (trx) => {
      const rows = await sql<Ticket & { old_status: Ticket['status'] }>`
        UPDATE tickets SET status = 'pre_closed', pre_closed_at = ${now}, due_at = NULL, last_activity_at = ${now}, updated_at = ${now}
        FROM (
          SELECT t.id, t.status AS old_status FROM tickets t
          JOIN ticket_types ty ON ty.key = t.type_key
          JOIN (${companyFirstOrders(trx)}) c ON c.id = t.company_id
          WHERE t.status IN ('submitted', 'assigned', 'in_progress', 'reopened')
            AND (
              (ty.preclose_rule = 'support' AND t.solved_at IS NOT NULL AND t.solved_at <= ${solvedBefore} AND t.last_message_at <= ${solvedBefore})
              OR (ty.preclose_rule = 'sales' AND c.first_order_at IS NOT NULL AND t.last_message_at <= ${salesBefore})
              OR (ty.preclose_rule = 'sales' AND c.first_order_at IS NULL AND t.last_message_at <= ${presalesBefore})
            )
          ORDER BY t.last_message_at
          LIMIT ${batch}
          FOR UPDATE OF t SKIP LOCKED
        ) due
        WHERE tickets.id = due.id
        AND tickets.status IN ('submitted', 'assigned', 'in_progress', 'reopened')
        RETURNING tickets.*, due.old_status`.execute(trx);
      // S-6: a pre-closed ticket's SLA clock stops.
      await stopTicketsSla(
        trx,
        rows.rows.map((t) => t.id),
        now,
      );
      for (const t of rows.rows) {
        await recordTicketEvent(trx, {
          ticketId: t.id,
          kind: 'status',
          actor: system,
          at: now,
          from: t.old_status,
          to: 'pre_closed',
        });
        await notifyStatus(
          ctx,
          trx,
          t,
          'pre_closed',
          now,
          `Without a new message the ticket will be closed in ${d.close} days. Reply to keep it open.`,
        );
      }
      return rows.rows.length;
    });
    total += changed;
    if (changed < batch) return total;
  }
}

/**
 * T-9: closes Pre-closed tickets that had no new message for 3 days after the pre-close (a message
 * would have moved them back to In progress). Same claiming as the pre-close: safe on several
 * servers, idempotent. The mail carries the T-13 rating link.
 */
export async function closePreClosedTickets(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - days(ctx.config.ticketDays.close));
  let total = 0;
  for (;;) {
    const changed = await inTransaction(ctx.db, async (trx) => {
      const rows = await sql<Ticket>`
        UPDATE tickets SET status = 'closed', closed_at = ${now}, due_at = NULL, last_activity_at = ${now}, updated_at = ${now}
        WHERE id IN (
          SELECT id FROM tickets
          WHERE status = 'pre_closed' AND pre_closed_at <= ${before} AND type_key <> 'project'
          ORDER BY pre_closed_at
          LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        )
        AND status = 'pre_closed'
        RETURNING *`.execute(trx);
      await stopTicketsSla(
        trx,
        rows.rows.map((t) => t.id),
        now,
      );
      for (const t of rows.rows) {
        await recordTicketEvent(trx, {
          ticketId: t.id,
          kind: 'status',
          actor: system,
          at: now,
          from: 'pre_closed',
          to: 'closed',
        });
        await notifyStatus(ctx, trx, t, 'closed', now, await rateLine(ctx, t));
      }
      return rows.rows.length;
    });
    total += changed;
    if (changed < batch) return total;
  }
}
