import type { BusinessCalendar } from '../../core/business-calendar.js';
import type { DbOrTrx, Trx } from '../../core/db/index.js';
import { loadSupportCalendar, ticketPlanFor } from '../support/index.js';
import { slaSettings, targetMinutes } from './targets.js';
import type { SlaPlan, SlaPriority, SlaSettings, TicketSla } from './tables.js';

/** What the clock needs to know of a ticket (the tickets module's row satisfies it). */
export interface SlaTicket {
  id: string;
  company_id: string;
  department_key: string;
  type_key: string;
  status: string;
  priority: SlaPriority;
  hotrush: boolean;
  vip: boolean;
  created_at: Date;
  first_answer_at: Date | null;
  last_public_by: 'customer' | 'staff' | null;
  waiting_since: Date | null;
}

/** What happened to the ticket: a public message of either side, or a change of its properties. */
export type SlaEvent = { kind: 'customer-message' } | { kind: 'staff-answer' } | { kind: 'change' };

const stoppedStatuses = new Set(['closed', 'pre_closed']);
// T-17: the license log is written by the system; nobody owes it an answer.
const untimed = (t: Pick<SlaTicket, 'type_key'>) => t.type_key === 'license_log';

type Clock = Omit<TicketSla, 'ticket_id' | 'company_id' | 'created_at'> & { created_at: Date };

/**
 * S-6: the due (and the warning instant) of a clock: wait start + target + business minutes spent on
 * hold, in business time (S-5). Nothing is due while nothing is awaited, on hold, or (pre-)closed.
 */
function derive(c: Clock, s: SlaSettings, cal: BusinessCalendar): Pick<Clock, 'due_at' | 'warn_at' | 'target_minutes'> {
  if (c.stopped || !c.awaiting || c.hold_since || !c.wait_started_at)
    return { due_at: null, warn_at: null, target_minutes: c.awaiting ? targetMinutes(s, c, c.awaiting) : null };
  const target = targetMinutes(s, c, c.awaiting);
  const total = target + c.held_minutes;
  const due = cal.addBusinessMinutes(c.wait_started_at, total);
  const lead = s.warning_lead_minutes;
  const warn = lead > 0 ? cal.addBusinessMinutes(c.wait_started_at, Math.max(0, total - lead)) : null;
  return { due_at: due, warn_at: warn, target_minutes: target };
}

/** Applies the derived due; a new due clears the warning and breach marks of the old one (once per due). */
function settle(c: Clock, before: Date | null, s: SlaSettings, cal: BusinessCalendar): Clock {
  const d = derive(c, s, cal);
  const same = (before?.getTime() ?? null) === (d.due_at?.getTime() ?? null);
  return { ...c, ...d, ...(same ? {} : { warned: false, breached: false }) };
}

/**
 * S-4 / S-6: a new ticket's clock: the plan it is asked under (support's ticketPlanFor), the first
 * response due from its creation. Returns the due for tickets.due_at, whether it queues as VIP, and
 * the insert of the clock's row, for the tickets module to run in the statement that writes the ticket.
 */
export async function newTicketSla(
  db: DbOrTrx,
  t: {
    ticketId: string;
    companyId: string;
    departmentKey: string;
    priority: SlaPriority;
    hotrush: boolean;
    licenseIds: string[];
    at: Date;
  },
) {
  const [plan, s, cal] = [
    await ticketPlanFor(db, t.companyId, t.licenseIds, t.at),
    await slaSettings(db),
    await loadSupportCalendar(db),
  ];
  const clock = settle(
    {
      department_key: t.departmentKey,
      plan: plan.plan,
      priority: t.priority,
      hotrush: t.hotrush,
      created_at: t.at,
      awaiting: 'first',
      wait_started_at: t.at,
      target_minutes: null,
      held_minutes: 0,
      hold_since: null,
      stopped: false,
      due_at: null,
      warn_at: null,
      warned: false,
      breached: false,
      breaches: 0,
      first_response_at: null,
      first_response_minutes: null,
      resolved_at: null,
      resolution_minutes: null,
      updated_at: t.at,
    },
    null,
    s,
    cal,
  );
  const row = { ...clock, ticket_id: t.ticketId, company_id: t.companyId };
  return {
    dueAt: clock.due_at,
    vip: plan.plan === 'vip',
    plan: plan.plan,
    insert: (d: DbOrTrx) => d.insertInto('ticket_sla').values(row),
  };
}

/** A clock for a ticket that has none (opened before SLA timers, split from another, made by a test). */
function initialClock(t: SlaTicket, at: Date): Clock {
  const waiting = t.last_public_by !== 'staff';
  return {
    department_key: t.department_key,
    plan: (t.vip ? 'vip' : 'credit') as SlaPlan,
    priority: t.priority,
    hotrush: t.hotrush,
    created_at: t.created_at,
    awaiting: waiting ? (t.first_answer_at ? 'next' : 'first') : null,
    wait_started_at: waiting ? (t.waiting_since ?? t.created_at) : null,
    target_minutes: null,
    held_minutes: 0,
    hold_since: null,
    stopped: stoppedStatuses.has(t.status),
    due_at: null,
    warn_at: null,
    warned: false,
    breached: false,
    breaches: 0,
    first_response_at: t.first_answer_at,
    first_response_minutes: null,
    resolved_at: null,
    resolution_minutes: null,
    updated_at: at,
  };
}

async function lockClock(trx: Trx, t: SlaTicket, at: Date): Promise<{ clock: Clock; exists: boolean }> {
  const row = await trx
    .selectFrom('ticket_sla')
    .selectAll()
    .where('ticket_id', '=', t.id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { clock: initialClock(t, at), exists: false };
  const { ticket_id: _id, company_id: _c, ...clock } = row;
  return { clock, exists: true };
}

async function store(trx: Trx, t: Pick<SlaTicket, 'id' | 'company_id'>, c: Clock, exists: boolean) {
  if (exists) await trx.updateTable('ticket_sla').set(c).where('ticket_id', '=', t.id).execute();
  else
    await trx
      .insertInto('ticket_sla')
      .values({ ...c, ticket_id: t.id, company_id: t.company_id })
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet(c))
      .execute();
}

/**
 * S-6: moves a ticket's clock for what happened, with the ticket as it is after the change (its
 * status, priority, HotRush, department). Returns the due the tickets module writes into
 * tickets.due_at (the queue orders by it); null while nothing is due.
 *  - a customer's message: a next response is due from it, unless one is awaited already;
 *  - a staff answer (never an internal note): the awaited response is given; the ticket waits on
 *    the customer and nothing is due until they write;
 *  - Closed / Pre-closed: the clock stops (the resolution time is taken); any other status after
 *    those: re-opened, a next response is due from now;
 *  - a new priority or HotRush: the same wait, a new target.
 */
export async function updateTicketSla(trx: Trx, t: SlaTicket, at: Date, event: SlaEvent): Promise<Date | null> {
  if (untimed(t)) return null;
  const [{ clock, exists }, s, cal] = [
    await lockClock(trx, t, at),
    await slaSettings(trx),
    await loadSupportCalendar(trx),
  ];
  const before = clock.due_at;
  const c: Clock = {
    ...clock,
    department_key: t.department_key,
    priority: t.priority,
    hotrush: t.hotrush,
    updated_at: at,
  };
  const stopNow = stoppedStatuses.has(t.status);
  if (stopNow && !c.stopped) {
    c.stopped = true;
    c.resolved_at = at;
    c.resolution_minutes = wholeBusinessMinutes(cal, c.created_at, at);
  } else if (!stopNow && c.stopped) {
    c.stopped = false;
    c.resolved_at = null;
    c.resolution_minutes = null;
    if (event.kind !== 'staff-answer') startWait(c, 'next', at);
  }
  if (event.kind === 'customer-message' && !c.awaiting) startWait(c, 'next', at);
  if (event.kind === 'staff-answer') {
    if (!c.first_response_at) {
      c.first_response_at = at;
      c.first_response_minutes = wholeBusinessMinutes(cal, c.created_at, at);
    }
    c.awaiting = null;
    c.wait_started_at = null;
    c.held_minutes = 0;
  }
  const after = settle(c, before, s, cal);
  await store(trx, t, after, exists);
  return after.due_at;
}

/**
 * Business minutes between two instants, rounded to whole minutes: the columns are integers and real
 * instants carry seconds and milliseconds (an answer at 09:00:01.234 is not a whole minute after 09:00).
 */
function wholeBusinessMinutes(cal: BusinessCalendar, from: Date, to: Date): number {
  return Math.round(cal.businessMinutesBetween(from, to));
}

function startWait(c: Clock, phase: 'first' | 'next', at: Date) {
  c.awaiting = c.first_response_at ? phase : 'first';
  c.wait_started_at = at;
  c.held_minutes = 0;
}

/**
 * S-2 / S-6: a credit agreement pending (on) or settled (off) pauses and resumes the ticket's clock:
 * the business minutes on hold are added to the due. Idempotent either way. Returns the due for
 * tickets.due_at (null while on hold); the caller (assessment) writes it through the tickets module.
 * A ticket without a clock (a license log) returns null and writes nothing.
 */
export async function holdSlaForAgreement(trx: Trx, ticketId: string, on: boolean, at: Date): Promise<Date | null> {
  const row = await trx
    .selectFrom('ticket_sla')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return null;
  const { ticket_id: _id, company_id: _c, ...clock } = row;
  const [s, cal] = [await slaSettings(trx), await loadSupportCalendar(trx)];
  const c: Clock = { ...clock, updated_at: at };
  if (on && !c.hold_since) c.hold_since = at;
  if (!on && c.hold_since) {
    if (c.awaiting && c.wait_started_at) {
      const from = c.hold_since > c.wait_started_at ? c.hold_since : c.wait_started_at;
      c.held_minutes += wholeBusinessMinutes(cal, from, at);
    }
    c.hold_since = null;
  }
  const after = settle(c, clock.due_at, s, cal);
  await trx.updateTable('ticket_sla').set(after).where('ticket_id', '=', ticketId).execute();
  return after.due_at;
}

/**
 * S-6: the T-8 / T-9 sweeps (pre-close, close) stop the clocks of the tickets they changed, in
 * their transaction; tickets.due_at is cleared by the sweep itself.
 */
export async function stopTicketsSla(trx: Trx, ticketIds: string[], at: Date): Promise<void> {
  if (!ticketIds.length) return;
  const cal = await loadSupportCalendar(trx);
  const rows = await trx
    .selectFrom('ticket_sla')
    .select(['ticket_id', 'created_at'])
    .where('ticket_id', 'in', ticketIds)
    .where('stopped', '=', false)
    .forUpdate()
    .execute();
  for (const r of rows)
    await trx
      .updateTable('ticket_sla')
      .set({
        stopped: true,
        due_at: null,
        warn_at: null,
        resolved_at: at,
        resolution_minutes: wholeBusinessMinutes(cal, r.created_at, at),
        updated_at: at,
      })
      .where('ticket_id', '=', r.ticket_id)
      .execute();
}

/** S-6: a new plan in force (staff granted or ended VIP care): the tickets' targets follow it. */
export async function setTicketSlaPlan(trx: Trx, t: SlaTicket, plan: SlaPlan, at: Date): Promise<Date | null> {
  if (untimed(t)) return null;
  await updateTicketSla(trx, t, at, { kind: 'change' });
  const row = await trx.selectFrom('ticket_sla').selectAll().where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
  const { ticket_id: _id, company_id: _c, ...clock } = row;
  const after = settle({ ...clock, plan }, clock.due_at, await slaSettings(trx), await loadSupportCalendar(trx));
  await trx.updateTable('ticket_sla').set(after).where('ticket_id', '=', t.id).execute();
  return after.due_at;
}
