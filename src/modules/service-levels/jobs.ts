import { sql } from 'kysely';
import type { AppContext } from '../../core/context.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { JobDefinition } from '../../core/jobs.js';
import { queueMails } from '../../core/mail/outbox.js';
import { enabledStaffContacts } from '../staff/index.js';
import { ticketsWithDepartmentHeads } from '../tickets/index.js';
import type { SlaPhase } from './tables.js';

const batch = 200;

/**
 * S-6: records a breach event for every running due that has passed (like the queue's "past due":
 * strictly before now), once per due. The rows are
 * found on ticket_sla_breach_idx (running, unbreached dues only: an idle sweep reads an empty range),
 * claimed with FOR UPDATE SKIP LOCKED and marked by a conditional update in the same statement as
 * the events; the events' unique (ticket, kind, due) makes a repeated run write nothing.
 */
export async function recordSlaBreaches(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let total = 0;
  for (;;) {
    const n = await inTransaction(ctx.db, async (trx) => {
      const r = await sql<{ ticket_id: string }>`
        WITH due AS (
          SELECT ticket_id FROM ticket_sla
          WHERE due_at IS NOT NULL AND NOT breached AND due_at < ${now}
          ORDER BY due_at LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        ), marked AS (
          UPDATE ticket_sla s SET breached = true, breaches = s.breaches + 1, updated_at = ${now}
          FROM due WHERE s.ticket_id = due.ticket_id AND NOT s.breached AND s.due_at < ${now}
          RETURNING s.ticket_id, s.awaiting, s.due_at, s.department_key, s.plan, s.priority
        )
        INSERT INTO sla_breaches (ticket_id, kind, due_at, breached_at, department_key, plan, priority)
        SELECT ticket_id, coalesce(awaiting, 'next'), due_at, ${now}, department_key, plan, priority FROM marked
        ON CONFLICT (ticket_id, kind, due_at) DO NOTHING
        RETURNING ticket_id`.execute(trx);
      return r.rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/**
 * S-6: tells the head of each ticket's department, through the outbox, that a due comes within the
 * warning lead: once per due (the warned mark is cleared only by a new due), found on
 * ticket_sla_warn_idx, claimed like the breaches so that several servers send one mail.
 */
export async function warnBeforeSlaBreach(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let total = 0;
  for (;;) {
    const n = await inTransaction(ctx.db, async (trx) => {
      const claimed = await sql<{ ticket_id: string; awaiting: SlaPhase | null; due_at: Date }>`
        UPDATE ticket_sla s SET warned = true, updated_at = ${now}
        WHERE s.ticket_id IN (
          SELECT ticket_id FROM ticket_sla
          WHERE warn_at IS NOT NULL AND NOT warned AND NOT breached AND warn_at <= ${now}
          ORDER BY warn_at LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        ) AND NOT s.warned
        RETURNING s.ticket_id, s.awaiting, s.due_at`.execute(trx);
      const rows = claimed.rows;
      if (!rows.length) return 0;
      const tickets = await ticketsWithDepartmentHeads(
        trx,
        rows.map((r) => r.ticket_id),
      );
      const heads = new Map<string, { email: string; name: string } | undefined>();
      for (const t of tickets)
        if (t.head_staff_id && !heads.has(t.head_staff_id))
          heads.set(t.head_staff_id, (await enabledStaffContacts(trx, { id: t.head_staff_id }))[0]);
      const byId = new Map(rows.map((r) => [r.ticket_id, r]));
      const mails = tickets.flatMap((t) => {
        const head = t.head_staff_id ? heads.get(t.head_staff_id) : undefined;
        const r = byId.get(t.id);
        if (!head || !r?.due_at) return [];
        const what = r.awaiting === 'first' ? 'first response' : 'next response';
        return [
          {
            to: head.email,
            kind: 'sla-warning',
            subject: `SLA warning: ticket #${t.number} "${t.title}" is due at ${r.due_at.toISOString()}`,
            text: [
              `Hello ${head.name},`,
              '',
              `The ${what} to ticket #${t.number} "${t.title}" (${t.department_name}) is due at ${r.due_at.toISOString()} (UTC).`,
              `Open it: ${ctx.config.publicUrl}/staff/tickets/${t.number}`,
            ].join('\n'),
          },
        ];
      });
      await queueMails(trx, mails, now, ctx.mailDomain);
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/** The module's jobs (E-3): every minute, so a warning or a breach is seen within a minute of its instant. */
export function serviceLevelsJobs(ctx: AppContext): JobDefinition[] {
  return [
    { name: 'sla-warnings', cron: '* * * * *', handler: () => warnBeforeSlaBreach(ctx) },
    { name: 'sla-breaches', cron: '* * * * *', handler: () => recordSlaBreaches(ctx) },
  ];
}
