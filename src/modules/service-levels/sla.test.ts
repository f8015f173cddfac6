import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import { defaultBusinessCalendar } from '../../core/business-calendar.js';
import { inTransaction } from '../../core/db/transaction.js';
import {
  buildCatalogue,
  buildCompany,
  buildLicense,
  buildStaff,
  mailTo,
  type TestCompany,
  uniq,
} from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';
import { saveSupportCalendar } from '../support/index.js';
import { holdTicketForAgreement, refreshCompanyTicketPlans } from '../tickets/index.js';
import { recordSlaBreaches, warnBeforeSlaBreach } from './jobs.js';

const { app, ctx, clock } = await setupApp();
const system: Actor = { kind: 'system', name: 'test' };
const agent = await buildStaff(ctx, 'agent');
const head = await buildStaff(ctx, 'department_head');
const cat = await buildCatalogue(ctx);
const monday = '2026-03-02T09:00:00Z'; // Monday 13:00 in Dubai (the desk's hours: 09:00–18:00 GMT+4, 05:00–14:00 UTC)

async function companyWithLicense(vip = false) {
  const c = await buildCompany(ctx);
  const l = await buildLicense(ctx, c.id, cat, { url: `https://${uniq()}.example.com` });
  if (vip)
    await ctx.db
      .insertInto('support_plans')
      .values({
        license_id: l.id,
        company_id: c.id,
        product_id: cat.productId,
        vip_until: new Date('2027-01-01T00:00:00Z'),
        period_ends_at: null,
        granted_at: clock.now(),
        updated_at: clock.now(),
      })
      .execute();
  return { c, l };
}

async function open(c: TestCompany, body: Record<string, unknown> = {}): Promise<number> {
  const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
    type: 'generic',
    title: 'Question',
    message: 'Hello',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json().number as number;
}
const staffView = async (n: number) => (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${n}`)).json();
const idOf = async (n: number) =>
  (await ctx.db.selectFrom('tickets').select('id').where('number', '=', String(n)).executeTakeFirstOrThrow()).id;
async function department(headId?: string) {
  const key = `s${uniq()}`;
  await ctx.db
    .insertInto('departments')
    .values({ key, name: `SLA ${key}`, head_staff_id: headId ?? null })
    .execute();
  return key;
}

describe('SLA timers in business time (S-4, S-5, S-6, T-12)', () => {
  it('S-5 a HotRush due skips the weekend, and a holiday too', async () => {
    clock.set('2026-03-06T13:00:00Z'); // Friday 17:00 in Dubai: one business hour left that day
    const { c, l } = await companyWithLicense();
    const hot = await open(c, { type: 'tech', licenses: [l.key], hotrush: true });
    expect((await staffView(hot)).dueAt).toBe('2026-03-09T06:00:00.000Z'); // Monday 10:00 Dubai
    try {
      await saveSupportCalendar(ctx.db, { ...defaultBusinessCalendar, holidays: ['2026-03-09'] }, system, clock.now());
      const later = await open(c, { type: 'tech', licenses: [l.key], hotrush: true });
      expect((await staffView(later)).dueAt).toBe('2026-03-10T06:00:00.000Z'); // the holiday Monday skipped
    } finally {
      await saveSupportCalendar(ctx.db, defaultBusinessCalendar, system, clock.now());
    }
  });

  it('S-4 a VIP first answer is due within 12 business hours, whatever the priority (a VIP Minor too)', async () => {
    clock.set('2026-03-06T13:00:00Z');
    const { c, l } = await companyWithLicense(true);
    const n = await open(c, { type: 'tech', licenses: [l.key], priority: 'minor' });
    const t = await staffView(n);
    // Friday 1 h + Monday 9 h + Tuesday 2 h = 12 business hours: Tuesday 11:00 Dubai.
    expect(t).toMatchObject({ vip: true, dueAt: '2026-03-10T07:00:00.000Z' });
    expect(t.sla).toMatchObject({ plan: 'vip', state: 'running', awaiting: 'first', targetMinutes: 720 });
  });

  it('S-6 pauses the clock while the ticket waits on the customer; their answer resumes it with a next-response due', async () => {
    clock.set(monday);
    const c = await buildCompany(ctx);
    const n = await open(c);
    // Normal: 960 business minutes: Monday 5 h, Tuesday 9 h, Wednesday 2 h → Wednesday 11:00 Dubai.
    expect((await staffView(n)).dueAt).toBe('2026-03-04T07:00:00.000Z');
    expect((await call(app, c.primary.auth, 'GET', `/api/v1/tickets/${n}`)).json().expectedAnswerBy).toBe(
      '2026-03-04T07:00:00.000Z',
    );
    clock.set('2026-03-02T10:00:00Z');
    // An internal note is no answer: the clock runs on.
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Looking', internal: true });
    expect((await staffView(n)).dueAt).toBe('2026-03-04T07:00:00.000Z');
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Which version?' });
    const waiting = await staffView(n);
    expect(waiting.dueAt).toBeNull();
    // The customer is told when an answer is due, and nothing while it is theirs to answer.
    expect((await call(app, c.primary.auth, 'GET', `/api/v1/tickets/${n}`)).json().expectedAnswerBy).toBeNull();
    expect(waiting.sla).toMatchObject({
      state: 'paused',
      pausedFor: 'customer',
      awaiting: null,
      firstResponseMinutes: 60,
    });
    clock.set('2026-03-05T10:00:00Z'); // Thursday 14:00 Dubai, three days later: nothing was due meanwhile
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${n}/messages`, { body: '4.7.2' });
    // Thursday 4 h + Friday 9 h + Monday 3 h → Monday 12:00 Dubai.
    const resumed = await staffView(n);
    expect(resumed.dueAt).toBe('2026-03-09T08:00:00.000Z');
    expect(resumed.sla).toMatchObject({ state: 'running', awaiting: 'next' });
  });

  it('S-6 instants between whole minutes (real clocks have seconds) are counted to the nearest minute, never an error', async () => {
    clock.set('2026-03-02T09:00:00.250Z');
    const c = await buildCompany(ctx);
    const n = await open(c);
    const id = await idOf(n);
    clock.set('2026-03-02T09:30:20.750Z');
    await inTransaction(ctx.db, (trx) => holdTicketForAgreement(trx, id, true, clock.now()));
    clock.set('2026-03-02T09:40:51.000Z');
    await inTransaction(ctx.db, (trx) => holdTicketForAgreement(trx, id, false, clock.now()));
    clock.set('2026-03-02T10:00:41.125Z');
    const answer = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Done' });
    expect(answer.statusCode).toBe(201);
    expect((await staffView(n)).sla).toMatchObject({ state: 'paused', firstResponseMinutes: 61 });
    clock.set('2026-03-02T10:05:09.999Z');
    expect((await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { status: 'closed' })).statusCode).toBe(
      200,
    );
    expect((await staffView(n)).sla).toMatchObject({ state: 'stopped' });
  });

  it('S-6 a pending credit agreement holds the clock; the business minutes on hold are added to the due', async () => {
    clock.set('2026-03-05T10:00:00Z'); // Thursday 14:00 Dubai
    const c = await buildCompany(ctx);
    const n = await open(c);
    const id = await idOf(n);
    await inTransaction(ctx.db, (trx) => holdTicketForAgreement(trx, id, true, clock.now()));
    const held = await staffView(n);
    expect(held.dueAt).toBeNull();
    expect(held.sla).toMatchObject({ state: 'paused', pausedFor: 'agreement', awaiting: 'first' });
    // Twice on is still one hold.
    await inTransaction(ctx.db, (trx) => holdTicketForAgreement(trx, id, true, clock.now()));
    clock.set('2026-03-06T10:00:00Z'); // Friday 14:00: 9 business hours on hold
    await inTransaction(ctx.db, (trx) => holdTicketForAgreement(trx, id, false, clock.now()));
    // 960 minutes from Friday 14:00: Friday 4 h, Monday 9 h, Tuesday 3 h → Tuesday 12:00 Dubai.
    expect((await staffView(n)).dueAt).toBe('2026-03-10T08:00:00.000Z');
    await inTransaction(ctx.db, (trx) => holdTicketForAgreement(trx, id, false, clock.now()));
    expect((await staffView(n)).dueAt).toBe('2026-03-10T08:00:00.000Z');
  });

  it('S-6 a priority change recomputes the due; Closed stops the clock; re-opened, a next response is due', async () => {
    clock.set(monday);
    const c = await buildCompany(ctx);
    const n = await open(c);
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { priority: 'minor' });
    // Minor (T-10, 24 business hours): Monday 5 h, Tuesday 9 h, Wednesday 9 h, Thursday 1 h → Thursday 10:00 Dubai.
    expect((await staffView(n)).dueAt).toBe('2026-03-05T06:00:00.000Z');
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { status: 'closed' });
    const closed = await staffView(n);
    expect(closed.dueAt).toBeNull();
    expect(closed.sla.state).toBe('stopped');
    clock.set('2026-03-03T06:00:00Z'); // Tuesday 10:00 Dubai
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { status: 'reopened' });
    // Tuesday 8 h, Wednesday 9 h, Thursday 7 h → Thursday 16:00 Dubai.
    const reopened = await staffView(n);
    expect(reopened.dueAt).toBe('2026-03-05T12:00:00.000Z');
    expect(reopened.sla).toMatchObject({ state: 'running', awaiting: 'first' });
  });

  it('S-4 S-6 VIP care granted later: the open tickets of its licenses become VIP and their due follows the 12-hour target', async () => {
    clock.set(monday);
    const { c, l } = await companyWithLicense();
    const n = await open(c, { type: 'tech', licenses: [l.key], priority: 'minor' });
    expect((await staffView(n)).dueAt).toBe('2026-03-05T06:00:00.000Z'); // Minor: 24 business hours
    clock.set('2026-03-02T10:00:00Z');
    await ctx.db
      .insertInto('support_plans')
      .values({
        license_id: l.id,
        company_id: c.id,
        product_id: cat.productId,
        vip_until: new Date('2027-03-02T00:00:00Z'),
        period_ends_at: null,
        granted_at: clock.now(),
        updated_at: clock.now(),
      })
      .execute();
    expect(await inTransaction(ctx.db, (trx) => refreshCompanyTicketPlans(trx, c.id, clock.now()))).toBe(1);
    // The same wait (from its creation), the VIP target: Monday 5 h + Tuesday 7 h → Tuesday 16:00 Dubai.
    expect(await staffView(n)).toMatchObject({ vip: true, dueAt: '2026-03-03T12:00:00.000Z', sla: { plan: 'vip' } });
    expect(await inTransaction(ctx.db, (trx) => refreshCompanyTicketPlans(trx, c.id, clock.now()))).toBe(0);
  });

  it('S-4 VIP tickets queue before non-VIP: HotRush first, then VIP, then the SLA due', async () => {
    clock.set(monday);
    const dep = await department();
    const plain = await open(await buildCompany(ctx), { priority: 'major' });
    const { c: vipCompany, l: vipLicense } = await companyWithLicense(true);
    clock.advance({ minutes: 5 });
    const vip = await open(vipCompany, { type: 'tech', licenses: [vipLicense.key], priority: 'minor' });
    const { c, l } = await companyWithLicense();
    clock.advance({ minutes: 5 });
    const hot = await open(c, { type: 'tech', licenses: [l.key], hotrush: true, priority: 'minor' });
    for (const n of [plain, vip, hot])
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { department: dep });
    // Even a non-VIP ticket due sooner queues after the VIP one.
    await ctx.db
      .updateTable('tickets')
      .set({ due_at: new Date(clock.now().getTime() + 60_000) })
      .where('number', '=', String(plain))
      .execute();
    const q = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/queue?department=${dep}`)).json();
    expect(q.items.map((t: { number: number }) => t.number)).toEqual([hot, vip, plain]);
    expect(q.items.map((t: { vip: boolean }) => t.vip)).toEqual([false, true, false]);
    // The keyset cursor of the queue order still pages them, one per page.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { number: number }[]; nextCursor: string | null } = (
        await call(
          app,
          agent.auth,
          'GET',
          `/api/v1/staff/tickets/queue?department=${dep}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      seen.push(...page.items.map((t: { number: number }) => t.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([hot, vip, plain]);
  });
});

describe('SLA warnings and breaches (S-6)', () => {
  it('S-6 warns the department head once before the breach and records the breach once (each job run twice)', async () => {
    clock.set(monday);
    const dep = await department(head.id);
    const c = await buildCompany(ctx);
    const n = await open(c);
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { department: dep });
    const id = await idOf(n);
    const warnings = async () => (await mailTo(ctx, head.email)).filter((m) => m.subject.includes(`#${n} `));
    const events = () => ctx.db.selectFrom('sla_breaches').selectAll().where('ticket_id', '=', id).execute();
    // Due Wednesday 07:00 UTC; the warning lead is 60 business minutes: 06:00 UTC.
    clock.set('2026-03-04T05:59:00Z');
    await warnBeforeSlaBreach(ctx);
    expect(await warnings()).toHaveLength(0);
    clock.set('2026-03-04T06:00:00Z');
    await warnBeforeSlaBreach(ctx);
    await warnBeforeSlaBreach(ctx);
    const mails = await warnings();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('2026-03-04T07:00:00.000Z');
    clock.set('2026-03-04T07:00:00Z');
    await recordSlaBreaches(ctx);
    expect(await events()).toHaveLength(0);
    clock.set('2026-03-04T07:01:00Z');
    await recordSlaBreaches(ctx);
    await recordSlaBreaches(ctx);
    expect(await events()).toMatchObject([{ kind: 'first', due_at: new Date('2026-03-04T07:00:00Z') }]);
    expect((await staffView(n)).sla).toMatchObject({ breached: true, breaches: 1 });
    // The breaching view lists it (its due has passed).
    const q = (
      await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/queue?department=${dep}&view=breaching`)
    ).json();
    expect(q.items.map((t: { number: number }) => t.number)).toEqual([n]);
    // Answered, then asked again: a new due, warned and breached once more.
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Sorry for the wait' });
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'Still broken' });
    clock.set('2026-03-10T07:00:00Z');
    await warnBeforeSlaBreach(ctx);
    await recordSlaBreaches(ctx);
    await recordSlaBreaches(ctx);
    expect(await warnings()).toHaveLength(2);
    expect((await events()).map((e) => e.kind)).toEqual(['first', 'next']);
  });

  it.runIf(!!process.env.DATABASE_URL)(
    'S-6 two servers sweeping at once send one warning and record one breach',
    async () => {
      clock.set(monday);
      const dep = await department(head.id);
      const n = await open(await buildCompany(ctx));
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { department: dep });
      const id = await idOf(n);
      clock.set('2026-03-04T07:01:00Z');
      await Promise.all([warnBeforeSlaBreach(ctx), warnBeforeSlaBreach(ctx), warnBeforeSlaBreach(ctx)]);
      await Promise.all([recordSlaBreaches(ctx), recordSlaBreaches(ctx), recordSlaBreaches(ctx)]);
      expect((await mailTo(ctx, head.email)).filter((m) => m.subject.includes(`#${n} `))).toHaveLength(1);
      expect(await ctx.db.selectFrom('sla_breaches').select('id').where('ticket_id', '=', id).execute()).toHaveLength(
        1,
      );
    },
  );

  it.runIf(!!process.env.DATABASE_URL)(
    'S-6 the sweeps find their rows by the partial indexes of running dues, never by a scan of the tickets',
    async () => {
      const plans = await inTransaction(ctx.db, async (trx) => {
        // The planner picks a scan for a small table; what matters is that the sweep can be answered by the index.
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const now = new Date();
        const breach = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT ticket_id FROM ticket_sla
          WHERE due_at IS NOT NULL AND NOT breached AND due_at < ${now} ORDER BY due_at LIMIT 200`.execute(trx);
        const warn = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT ticket_id FROM ticket_sla
          WHERE warn_at IS NOT NULL AND NOT warned AND NOT breached AND warn_at <= ${now} ORDER BY warn_at LIMIT 200`.execute(
          trx,
        );
        return [breach, warn].map((p) => p.rows.map((r) => r['QUERY PLAN']).join('\n'));
      });
      expect(plans[0]).toContain('ticket_sla_breach_idx');
      expect(plans[1]).toContain('ticket_sla_warn_idx');
      expect(plans.join('\n')).not.toContain('Seq Scan');
    },
  );
});

describe('time spent (T-16)', () => {
  it('T-16 an agent records the minutes spent per answer; the ticket shows the total and each answer', async () => {
    clock.set(monday);
    const n = await open(await buildCompany(ctx));
    const answer = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, {
      body: 'Done',
      timeSpent: 15,
    });
    expect(answer.statusCode).toBe(201);
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, {
      body: 'Checked the logs',
      internal: true,
      timeSpent: '5',
    });
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'No time given' });
    const t = await staffView(n);
    expect(t.timeSpent.totalMinutes).toBe(20);
    expect(t.timeSpent.perMessage.map((m: { minutes: number }) => m.minutes)).toEqual([15, 5]);
    const messageIds = t.timeline
      .filter((i: { kind: string }) => i.kind === 'message')
      .map((i: { id: string }) => i.id);
    for (const m of t.timeSpent.perMessage) expect(messageIds).toContain(m.id);
    for (const bad of [1441, 2.5, -1, 'soon'])
      expect(
        expectProblem(
          await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'x', timeSpent: bad }),
          400,
        ).errors?.map((e) => e.field),
      ).toEqual(['timeSpent']);
    expect((await staffView(n)).timeline.filter((i: { kind: string }) => i.kind === 'message')).toHaveLength(4);
  });
});

describe('SLA targets and support reports (S-5, S-6)', () => {
  it('S-6 staff set the targets: bad values are field errors; a new ticket is due by the new target', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const current = (await call(app, admin.auth, 'GET', '/api/v1/staff/support/sla')).json();
    expect(current).toMatchObject({
      hotrushFirst: 120,
      vipFirst: 720,
      normalFirst: 960,
      minorFirst: 1440,
      warningLead: 60,
    });
    const bad = expectProblem(
      await call(app, admin.auth, 'PUT', '/api/v1/staff/support/sla', { ...current, normalFirst: 0, warningLead: -1 }),
      400,
    );
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(['normalFirst', 'warningLead']);
    try {
      expect(
        (await call(app, admin.auth, 'PUT', '/api/v1/staff/support/sla', { ...current, normalFirst: 60 })).statusCode,
      ).toBe(200);
      clock.set(monday);
      const n = await open(await buildCompany(ctx));
      expect((await staffView(n)).dueAt).toBe('2026-03-02T10:00:00.000Z');
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'support.sla.updated')
        .executeTakeFirst();
      expect(audit).toBeDefined();
    } finally {
      await call(app, admin.auth, 'PUT', '/api/v1/staff/support/sla', current);
    }
  });

  it('S-6 reports first-response and resolution times (median, p90), breaches, credits and time spent per group, as JSON and CSV', async () => {
    clock.set('2026-05-04T06:00:00Z'); // a Monday, 10:00 in Dubai: a period of its own
    const admin = await buildStaff(ctx, 'admin');
    const worker = await buildStaff(ctx, 'agent');
    const key = `r${uniq()}`;
    await ctx.db.insertInto('departments').values({ key, name: 'Reports, "EMEA"' }).execute();
    const c = await buildCompany(ctx);
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const n = await open(c);
      await call(app, worker.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { department: key });
      numbers.push(n);
    }
    for (const [i, n] of numbers.entries()) {
      clock.set(new Date(Date.parse('2026-05-04T06:00:00Z') + (i + 1) * 60 * 60_000));
      await call(app, worker.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Answer', timeSpent: 10 });
    }
    await call(app, worker.auth, 'PATCH', `/api/v1/staff/tickets/${numbers[0]}`, { status: 'closed' });
    await ctx.db
      .insertInto('credit_wallets')
      .values({ company_id: c.id, balance: 50, updated_at: clock.now() })
      .onConflict((oc) => oc.column('company_id').doNothing())
      .execute();
    const { chargeCredits, grantCredits } = await import('../support/index.js');
    await grantCredits(ctx.db, { companyId: c.id, credits: 50, actor: system, reason: 'test', at: clock.now() });
    await chargeCredits(ctx.db, {
      companyId: c.id,
      credits: 10,
      actor: system,
      reason: 'Assessment',
      at: clock.now(),
      ticketId: await idOf(numbers[1] as number),
    });
    const url = '/api/v1/staff/support/reports?from=2026-05-04&to=2026-05-10&groupBy=department&tz=Asia/Dubai';
    const res = await call(app, admin.auth, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const row = r.rows.find((x: { key: string }) => x.key === key);
    // First answers after 60, 120 and 180 business minutes: median 120, p90 168 (percentile_cont).
    expect(row).toMatchObject({
      label: 'Reports, "EMEA"',
      tickets: 3,
      firstResponseMedian: 120,
      firstResponseP90: 168,
      resolved: 1,
      resolutionMedian: 180,
      breaches: 0,
      creditsCharged: 10,
      timeSpentMinutes: 30,
    });
    const csv = await call(app, admin.auth, 'GET', url.replace('/reports?', '/reports.csv?'));
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      'key,label,tickets,firstResponseMedian,firstResponseP90,resolved,resolutionMedian,resolutionP90,breaches,creditsCharged,timeSpentMinutes',
    );
    expect(lines).toContain(`${key},"Reports, ""EMEA""",3,120,168,1,180,180,0,10,30`);
    const byPlan = (await call(app, admin.auth, 'GET', url.replace('department', 'plan'))).json();
    expect(byPlan.rows.map((x: { key: string }) => x.key)).toContain('credit');
    const long = expectProblem(
      await call(app, admin.auth, 'GET', '/api/v1/staff/support/reports?from=2025-01-01&to=2026-01-02'),
      400,
    );
    expect(long.errors?.map((e) => e.field)).toEqual(['to']);
    expectProblem(
      await call(app, admin.auth, 'GET', '/api/v1/staff/support/reports?from=2026-13-01&to=2026-01-02'),
      400,
    );
    clock.set(monday);
  });
});
