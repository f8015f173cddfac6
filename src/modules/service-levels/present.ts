import type { DbOrTrx } from '../../core/db/index.js';
import type { SlaPhase, SlaPlan } from './tables.js';

/** S-6: the SLA clock as staff see it in the queue and on the ticket. */
export interface SlaClock {
  /** running: a response is due; paused: waiting on the customer or on a credit agreement; stopped: (pre-)closed. */
  state: 'running' | 'paused' | 'stopped';
  pausedFor: 'customer' | 'agreement' | null;
  awaiting: SlaPhase | null;
  plan: SlaPlan;
  dueAt: string | null;
  /** The breach of the current due is recorded (the breach job); the page compares dueAt with its own now too. */
  breached: boolean;
  breaches: number;
  targetMinutes: number | null;
  firstResponseAt: string | null;
  firstResponseMinutes: number | null;
}

/** S-6: the clocks of some tickets by primary key (one read for a queue page), keyed by ticket id. */
export async function slaClocks(db: DbOrTrx, ticketIds: string[]): Promise<Map<string, SlaClock>> {
  if (!ticketIds.length) return new Map();
  const rows = await db.selectFrom('ticket_sla').selectAll().where('ticket_id', 'in', ticketIds).execute();
  return new Map(
    rows.map((r) => [
      r.ticket_id,
      {
        state: r.stopped ? 'stopped' : r.due_at ? 'running' : 'paused',
        pausedFor: r.stopped || r.due_at ? null : r.hold_since ? 'agreement' : 'customer',
        awaiting: r.awaiting,
        plan: r.plan,
        dueAt: r.due_at?.toISOString() ?? null,
        breached: r.breached,
        breaches: r.breaches,
        targetMinutes: r.target_minutes,
        firstResponseAt: r.first_response_at?.toISOString() ?? null,
        firstResponseMinutes: r.first_response_minutes,
      },
    ]),
  );
}
