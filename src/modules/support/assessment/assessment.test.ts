import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/audit.js';
import {
  buildCatalogue,
  buildCompany,
  buildLicense,
  buildStaff,
  sessionFor,
  type TestCatalogue,
  type TestCompany,
} from '../../../../test/factories.js';
import { type Auth, call, expectProblem, setupApp } from '../../../../test/helpers.js';
import { creditBalance, grantCredits } from '../wallet.js';
import { agreementPending } from './ticket-support.js';

const t = await setupApp();
const { app, ctx, clock } = t;
const system: Actor = { kind: 'system', name: 'test' };
const agent = await buildStaff(ctx, 'agent');
const DAY = 86_400_000;
// Tests move the clock by days: every test starts with a fresh staff session.
beforeEach(async () => {
  agent.auth = await sessionFor(ctx, { staffId: agent.id });
});

interface Setup {
  c: TestCompany;
  cat: TestCatalogue;
  license: { id: string; key: string };
}

async function setup(credits = 50, plan: { period?: number; vip?: number } = {}): Promise<Setup> {
  const c = await buildCompany(ctx);
  const cat = await buildCatalogue(ctx);
  const license = await buildLicense(ctx, c.id, cat);
  const now = clock.now();
  await ctx.db
    .insertInto('support_plans')
    .values({
      license_id: license.id,
      company_id: c.id,
      product_id: cat.productId,
      period_ends_at: plan.period ? new Date(now.getTime() + plan.period * DAY) : null,
      vip_until: plan.vip ? new Date(now.getTime() + plan.vip * DAY) : null,
      granted_at: now,
      updated_at: now,
    })
    .execute();
  if (credits > 0) await grantCredits(ctx.db, { companyId: c.id, credits, actor: system, reason: 'seed', at: now });
  return { c, cat, license };
}

async function openTicket(s: Setup, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(app, s.c.primary.auth, 'POST', '/api/v1/tickets', {
    type: 'tech',
    licenses: [s.license.key],
    title: 'My store',
    message: 'Please help',
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return String(res.json().number);
}

const assess = (number: string, body: Record<string, unknown>, auth: Auth = agent.auth) =>
  call(app, auth, 'POST', `/api/v1/staff/tickets/${number}/assessments`, body);

async function assessOk(number: string, body: Record<string, unknown>) {
  const res = await assess(number, body);
  if (res.statusCode !== 201) throw new Error(`assess failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

const state = async (number: string, auth: Auth) =>
  (await call(app, auth, 'GET', `/api/v1/tickets/${number}/support`)).json();
const agree = (number: string, id: string, auth: Auth) =>
  call(app, auth, 'POST', `/api/v1/tickets/${number}/assessments/${id}/agree`);
const decline = (number: string, id: string, auth: Auth) =>
  call(app, auth, 'POST', `/api/v1/tickets/${number}/assessments/${id}/decline`);

async function ticketId(number: string): Promise<string> {
  return (await ctx.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
}

describe('assessment in credits (S-2)', () => {
  it('S-2 charges category 1 (5 credits) at once, without the customer confirming', async () => {
    const s = await setup(50);
    const n = await openTicket(s);
    const body = await assessOk(n, { category: 1, note: 'How to set up taxes' });
    expect(body.assessments[0]).toMatchObject({ category: 1, credits: 5, charged: 5, state: 'charged' });
    expect(body.pending).toBeNull();
    expect(body.netCharged).toBe(5);
    expect(await creditBalance(ctx.db, s.c.id)).toBe(45);
    expect(body.charges).toEqual([expect.objectContaining({ kind: 'charged', amount: -5, balanceAfter: 45 })]);
  });

  it('S-2 charges 10 credits only after the customer agrees', async () => {
    const s = await setup(50);
    const n = await openTicket(s);
    const body = await assessOk(n, { category: 2 });
    expect(body.pending).toMatchObject({ category: 2, credits: 10, due: 10, state: 'pending' });
    expect(await creditBalance(ctx.db, s.c.id)).toBe(50);
    expect(await agreementPending(ctx.db, await ticketId(n))).toBe(true);
    // Any profile of the company agrees (tickets.use), here the secondary one.
    const res = await agree(n, body.pending.id, s.c.secondary.auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ pending: null, netCharged: 10, balance: 40 });
    expect(res.json().assessments[0]).toMatchObject({ state: 'charged', decidedBy: 'Sid Secondary' });
    expect(await agreementPending(ctx.db, await ticketId(n))).toBe(false);
  });

  it('S-6 holds the SLA clock while an agreement is pending and runs it again when the customer agrees', async () => {
    const s = await setup(50);
    const n = await openTicket(s);
    const clockOf = async () => (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${n}`)).json().sla;
    const before = await clockOf();
    expect(before).toMatchObject({ state: 'running', pausedFor: null });
    const body = await assessOk(n, { category: 2 });
    expect(await clockOf()).toMatchObject({ state: 'paused', pausedFor: 'agreement', dueAt: null });
    // The queue's due follows the clock: no due while the agreement is pending.
    const row = await ctx.db.selectFrom('tickets').select('due_at').where('number', '=', n).executeTakeFirstOrThrow();
    expect(row.due_at).toBeNull();
    clock.advance({ hours: 1 });
    expect((await agree(n, body.pending.id, s.c.primary.auth)).statusCode).toBe(200);
    const after = await clockOf();
    expect(after).toMatchObject({ state: 'running', pausedFor: null });
    // The hour on hold does not count against the ticket: its due moved on by that hour of business time at most.
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
  });

  it('S-2 the ticket timeline shows each assessment, agreement, charge and refund', async () => {
    const s = await setup(50);
    const n = await openTicket(s);
    clock.advance({ seconds: 1 });
    const a = await assessOk(n, { category: 2 });
    clock.advance({ seconds: 1 });
    await agree(n, a.pending.id, s.c.primary.auth);
    clock.advance({ seconds: 1 });
    await assessOk(n, { category: 1 });
    const detail = (await call(app, s.c.primary.auth, 'GET', `/api/v1/tickets/${n}`)).json();
    const events = detail.timeline
      .filter((x: { kind: string }) => x.kind === 'event')
      .map((x: { event: string; to: string }) => [x.event, x.to]);
    expect(events).toEqual([
      ['created', 'submitted'],
      ['assessed', 'category 2, 10 credits, waiting for the customer'],
      ['assessment-agreed', 'category 2, 10 credits'],
      ['credits-charged', '10'],
      ['assessed', 'category 1, 5 credits'],
      ['credits-refunded', '5'],
    ]);
  });

  it('S-2 agreeing twice is a 409 and the credits are charged once', async () => {
    const s = await setup(50);
    const n = await openTicket(s);
    const id = (await assessOk(n, { category: 4 })).pending.id;
    expect((await agree(n, id, s.c.primary.auth)).statusCode).toBe(200);
    const again = expectProblem(await agree(n, id, s.c.advanced.auth), 409, 'conflict');
    expect(again.detail).toMatch(/already agreed/);
    expect(await creditBalance(ctx.db, s.c.id)).toBe(30);
  });

  it('S-2 a balance that does not cover the charge: Agree is 409 insufficient-credits with the buy-credits hint, nothing charged', async () => {
    const s = await setup(8);
    const n = await openTicket(s);
    const body = await assessOk(n, { category: 2 });
    expect(body.shortBy).toBe(2);
    expect(body.buyCreditsHint).toMatch(/ask for credits in a Sales question/);
    const p = expectProblem(await agree(n, body.pending.id, s.c.primary.auth), 409, 'insufficient-credits');
    expect(p.detail).toMatch(/needs 10 credits and your company has 8.*ask for credits in a Sales question/);
    expect(p.errors).toEqual([{ field: 'credits', message: '2 more credits are needed.' }]);
    const after = await state(n, s.c.primary.auth);
    expect(after).toMatchObject({ balance: 8, netCharged: 0, agreementPending: true, charges: [] });
    expect(after.pending.state).toBe('pending');
  });

  it('S-2 category 1 the balance does not cover waits for the customer instead of going negative', async () => {
    const s = await setup(0);
    const n = await openTicket(s);
    const body = await assessOk(n, { category: 1 });
    expect(body.pending).toMatchObject({ category: 1, due: 5 });
    expect(body.shortBy).toBe(5);
    await grantCredits(ctx.db, { companyId: s.c.id, credits: 5, actor: system, reason: 'bought', at: clock.now() });
    expect((await agree(n, body.pending.id, s.c.primary.auth)).json()).toMatchObject({ balance: 0, netCharged: 5 });
  });

  it('S-2 a pre-agreement given on creation charges an assessment up to it at once; a dearer one waits', async () => {
    const s = await setup(100);
    const n = await openTicket(s, { preAgreeUpTo: 20 });
    const first = await assessOk(n, { category: 4 });
    expect(first).toMatchObject({ preAgreeUpTo: 20, pending: null, netCharged: 20, balance: 80 });
    expect(first.assessments[0]).toMatchObject({ state: 'charged', decidedBy: 'Agreed in advance' });
    const dearer = await assessOk(n, { category: 3, credits: 30 });
    expect(dearer.pending).toMatchObject({ credits: 30, due: 10 });
    expect(dearer.balance).toBe(80);
  });

  it('S-2 refuses a pre-agreement that is negative, fractional or above 1000 credits', async () => {
    const s = await setup(0);
    for (const preAgreeUpTo of [-1, 2.5, 1001]) {
      const res = await call(app, s.c.primary.auth, 'POST', '/api/v1/tickets', {
        type: 'tech',
        licenses: [s.license.key],
        title: 'x',
        message: 'y',
        preAgreeUpTo,
      });
      expect(expectProblem(res, 400, 'validation-failed').errors?.map((e) => e.field)).toEqual(['preAgreeUpTo']);
    }
  });

  it('S-2 re-assessment: dearer asks to agree the difference (the charged part stays), cheaper refunds the difference at once', async () => {
    const s = await setup(100);
    const n = await openTicket(s);
    const a1 = await assessOk(n, { category: 2 });
    await agree(n, a1.pending.id, s.c.primary.auth);
    const a2 = await assessOk(n, { category: 4, note: 'The database is broken' });
    expect(a2).toMatchObject({ netCharged: 10, balance: 90 });
    expect(a2.pending).toMatchObject({ credits: 20, due: 10 });
    expect(a2.assessments[1]).toMatchObject({ category: 2, state: 'superseded', charged: 10 });
    expect((await agree(n, a2.pending.id, s.c.primary.auth)).json()).toMatchObject({ netCharged: 20, balance: 80 });
    const a3 = await assessOk(n, { category: 1 });
    expect(a3).toMatchObject({ netCharged: 5, balance: 95, pending: null });
    expect(a3.assessments[0]).toMatchObject({ state: 'refunded', charged: -15 });
    expect(a3.charges.map((c: { amount: number }) => c.amount)).toEqual([-10, -10, 15]);
    // The net never exceeds the price, and what the ledger says matches it.
    const sum = a3.charges.reduce((x: number, c: { amount: number }) => x - c.amount, 0);
    expect(sum).toBe(5);
  });

  it('S-2 re-assessing while an agreement is pending supersedes it; the old one can no longer be agreed to', async () => {
    const s = await setup(100);
    const n = await openTicket(s);
    const a1 = await assessOk(n, { category: 4 });
    const a2 = await assessOk(n, { category: 2 });
    expect(a2.pending).toMatchObject({ credits: 10 });
    expectProblem(await agree(n, a1.pending.id, s.c.primary.auth), 409, 'conflict');
    expect(await creditBalance(ctx.db, s.c.id)).toBe(100);
  });

  it('S-2 decline charges nothing, ends the pending agreement, and the ticket stays as category 1 allows', async () => {
    const s = await setup(100);
    const n = await openTicket(s);
    const a = await assessOk(n, { category: 2 });
    const res = await decline(n, a.pending.id, s.c.primary.auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ pending: null, netCharged: 0, balance: 100, agreementPending: false });
    expect(res.json().assessments[0].state).toBe('declined');
    expectProblem(await agree(n, a.pending.id, s.c.primary.auth), 409, 'conflict');
  });

  it('S-2 upgrade 4.3.1 → 4.3.9 costs 50; an upgrade between releases of the product counts them', async () => {
    const s = await setup(100);
    const n = await openTicket(s);
    const quote = await call(
      app,
      agent.auth,
      'GET',
      `/api/v1/staff/tickets/${n}/assessment-quote?category=5&fromVersion=4.3.1&toVersion=4.3.9`,
    );
    expect(quote.json()).toMatchObject({
      credits: 50,
      patchSteps: 8,
      countedFrom: 'patch-numbers',
      needsAgreement: true,
    });
    const a = await assessOk(n, { category: 5, fromVersion: '4.3.1', toVersion: '4.3.9' });
    expect(a.pending).toMatchObject({ credits: 50, fromVersion: '4.3.1', toVersion: '4.3.9', patchSteps: 8 });
    // The catalogue's releases: 4.6.0, 4.7.1, 4.7.2.
    const b = await assessOk(n, { category: 5, fromVersion: '4.6.0', toVersion: '4.7.2' });
    expect(b.pending).toMatchObject({ credits: 20, patchSteps: 2 });
    expect(b.versions.map((v: { version: string }) => v.version)).toEqual(['4.7.2', '4.7.1', '4.6.0']);
    const bad = expectProblem(await assess(n, { category: 5, fromVersion: '4.7.2', toVersion: '4.6.0' }), 400);
    expect(bad.errors?.[0]?.field).toBe('toVersion');
    expectProblem(await assess(n, { category: 3, credits: 15 }), 400, 'validation-failed');
    expectProblem(await assess(n, { category: 3 }), 400, 'validation-failed');
  });

  it("S-2 a closed ticket is neither assessed nor agreed to; another company's ticket is 404", async () => {
    const s = await setup(100);
    const n = await openTicket(s);
    const a = await assessOk(n, { category: 2 });
    const other = await buildCompany(ctx);
    expectProblem(await agree(n, a.pending.id, other.primary.auth), 404);
    expectProblem(await call(app, other.primary.auth, 'GET', `/api/v1/tickets/${n}/support`), 404);
    expectProblem(await agree(n, '00000000-0000-0000-0000-000000000000', s.c.primary.auth), 404);
    expect((await call(app, s.c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { status: 'closed' })).statusCode).toBe(
      200,
    );
    expect(expectProblem(await assess(n, { category: 1 }), 409, 'conflict').detail).toMatch(/closed/);
    expectProblem(await agree(n, a.pending.id, s.c.primary.auth), 409, 'conflict');
    expect(await creditBalance(ctx.db, s.c.id)).toBe(100);
  });

  it('S-2 a ticket opened without a support record (by mail, before issue 12) is credit-based from its licenses', async () => {
    const s = await setup(30);
    const n = await openTicket(s);
    await ctx.db
      .deleteFrom('support_tickets')
      .where('ticket_id', '=', await ticketId(n))
      .execute();
    const a = await assessOk(n, { category: 1 });
    expect(a).toMatchObject({ plan: { kind: 'credit', licenseId: s.license.id }, netCharged: 5, balance: 25 });
  });

  it.runIf(!!process.env.DATABASE_URL)('S-2 on PostgreSQL 10 agrees at once charge once', async () => {
    const s = await setup(100);
    const n = await openTicket(s);
    const id = (await assessOk(n, { category: 4 })).pending.id;
    const results = await Promise.all(Array.from({ length: 10 }, () => agree(n, id, s.c.primary.auth)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(await creditBalance(ctx.db, s.c.id)).toBe(80);
    const entries = await ctx.db
      .selectFrom('credit_entries')
      .select('amount')
      .where('company_id', '=', s.c.id)
      .where('kind', '=', 'charged')
      .execute();
    expect(entries).toEqual([{ amount: -20 }]);
  });

  it.runIf(!!process.env.DATABASE_URL)(
    'S-2 on PostgreSQL an agree and a re-assessment at once: one wins, the ticket never costs more than its price',
    async () => {
      const s = await setup(100);
      const n = await openTicket(s);
      const id = (await assessOk(n, { category: 4 })).pending.id;
      await Promise.all([agree(n, id, s.c.primary.auth), assess(n, { category: 2 }), agree(n, id, s.c.advanced.auth)]);
      const st = await state(n, s.c.primary.auth);
      const charged = st.charges.reduce((x: number, c: { amount: number }) => x - c.amount, 0);
      expect(charged).toBe(st.netCharged);
      expect([0, 10, 20]).toContain(charged);
      expect(st.balance).toBe(100 - charged);
    },
  );
});

describe('period-based and VIP tickets (S-3, S-4)', () => {
  it('S-3 categories 1–2 are not due on a ticket asked during the free period; 3–5 are credit-based', async () => {
    const s = await setup(50, { period: 30 });
    const n = await openTicket(s);
    for (const category of [1, 2]) {
      const p = expectProblem(await assess(n, { category }), 409, 'conflict');
      expect(p.detail).toMatch(/not due on .*free support period/);
      expect(p.errors?.[0]?.field).toBe('category');
    }
    const a = await assessOk(n, { category: 4 });
    expect(a).toMatchObject({ plan: { kind: 'period' }, pending: { credits: 20 } });
  });

  it('S-3 a question asked during the period is answered to its end after it; one asked after is credit-based', async () => {
    const s = await setup(50, { period: 2 });
    const during = await openTicket(s);
    clock.advance({ days: 3 });
    const after = await openTicket(s);
    expectProblem(await assess(during, { category: 2 }), 409, 'conflict');
    expect((await assessOk(after, { category: 2 })).plan.kind).toBe('credit');
  });

  it('S-4 nothing but modifications and upgrades is due on a VIP ticket', async () => {
    const s = await setup(50, { vip: 365 });
    const n = await openTicket(s);
    for (const category of [1, 2, 4])
      expect(expectProblem(await assess(n, { category }), 409, 'conflict').detail).toMatch(/not due on a VIP ticket/);
    expect(await creditBalance(ctx.db, s.c.id)).toBe(50);
  });

  it('S-4 up to 7 minor modifications a calendar month are free and counted; the 8th is credit-based', async () => {
    const s = await setup(100, { vip: 365 });
    for (let i = 1; i <= 7; i++) {
      const n = await openTicket(s);
      const a = await assessOk(n, { category: 3, credits: 25 });
      expect(a.assessments[0]).toMatchObject({ state: 'covered', credits: 0, coveredBy: 'vip-modification' });
      expect(a.vip).toMatchObject({ modificationsUsed: i, modificationsPerMonth: 7 });
    }
    const eighth = await openTicket(s);
    const quote = await call(
      app,
      agent.auth,
      'GET',
      `/api/v1/staff/tickets/${eighth}/assessment-quote?category=3&credits=25`,
    );
    expect(quote.json()).toMatchObject({ coveredBy: null, allowanceUsedUp: true, credits: 25 });
    const a = await assessOk(eighth, { category: 3, credits: 25 });
    expect(a.pending).toMatchObject({ credits: 25 });
    expect((await state(eighth, s.c.primary.auth)).vip.modificationsUsed).toBe(7);
    // Re-assessing a covered modification as something else gives its use back.
    const ninth = await openTicket(s);
    clock.advance({ days: 31 });
    agent.auth = await sessionFor(ctx, { staffId: agent.id });
    s.c.primary.auth = await sessionFor(ctx, { profileId: s.c.primary.id });
    const nextMonth = await assessOk(ninth, { category: 3, credits: 25 });
    expect(nextMonth.vip).toMatchObject({ modificationsUsed: 1 });
    await assessOk(ninth, { category: 5, fromVersion: '4.7.1', toVersion: '4.7.2' });
    expect((await state(ninth, s.c.primary.auth)).vip.modificationsUsed).toBe(0);
  });

  it('S-4 one free upgrade to the current version a year per license; another upgrade is credit-based', async () => {
    const s = await setup(100, { vip: 365 });
    const n1 = await openTicket(s);
    const free = await assessOk(n1, { category: 5, fromVersion: '4.7.1', toVersion: '4.7.2' });
    expect(free.assessments[0]).toMatchObject({ state: 'covered', coveredBy: 'vip-upgrade' });
    expect(free.vip).toMatchObject({ upgradesUsed: 1, upgradesPerYear: 1 });
    const n2 = await openTicket(s);
    const second = await assessOk(n2, { category: 5, fromVersion: '4.7.1', toVersion: '4.7.2' });
    expect(second.pending).toMatchObject({ credits: 20 });
    // Not to the current version: credit-based even with the allowance left.
    const other = await setup(100, { vip: 365 });
    const n3 = await openTicket(other);
    const old = await assessOk(n3, { category: 5, fromVersion: '4.6.0', toVersion: '4.7.1' });
    expect(old.pending).toMatchObject({ credits: 20 });
  });
});

describe('assessment: who may do what, and the settings (S-2)', () => {
  it('S-2 only staff who work tickets assess; customers read and agree only for their own company', async () => {
    const s = await setup(50);
    const n = await openTicket(s);
    const content = await buildStaff(ctx, 'content');
    expectProblem(await assess(n, { category: 1 }, content.auth), 403);
    expectProblem(await assess(n, { category: 1 }, s.c.primary.auth), 403);
    expectProblem(await call(app, agent.auth, 'GET', `/api/v1/tickets/${n}/support`), 403);
    const billing = await buildStaff(ctx, 'billing');
    expect((await assess(n, { category: 1 }, billing.auth)).statusCode).toBe(201);
    for (const who of [s.c.primary, s.c.advanced, s.c.secondary])
      expect((await call(app, who.auth, 'GET', `/api/v1/tickets/${n}/support`)).json()).toMatchObject({
        netCharged: 5,
        balance: 45,
      });
    expect(await creditBalance(ctx.db, s.c.id)).toBe(45);
  });

  it('S-2 the new-ticket form learns the plan of the chosen licenses (pre-agreement offered for credit and period plans)', async () => {
    const vip = await setup(0, { vip: 365 });
    const plan = (auth: Auth, q: string) => call(app, auth, 'GET', `/api/v1/support/ticket-plan${q}`);
    expect((await plan(vip.c.primary.auth, `?licenses=${vip.license.key}`)).json()).toMatchObject({
      plan: 'vip',
      maxPreAgreement: 1000,
    });
    expect((await plan(vip.c.primary.auth, '')).json()).toMatchObject({ plan: 'credit', until: null });
    // Another company's key counts as none.
    const other = await setup(0);
    expect((await plan(other.c.primary.auth, `?licenses=${vip.license.key}`)).json().plan).toBe('credit');
  });

  it('S-2 staff set the service-pack pattern; an invalid one is a field error; upgrades count by it', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const url = '/api/v1/staff/support/assessment-settings';
    const bad = expectProblem(await call(app, admin.auth, 'PUT', url, { servicePackPattern: '([' }), 400);
    expect(bad.errors?.[0]?.field).toBe('servicePackPattern');
    expectProblem(await call(app, agent.auth, 'PUT', url, { servicePackPattern: 'x' }), 403);
    expect((await call(app, admin.auth, 'PUT', url, { servicePackPattern: '-hotfix$' })).json()).toEqual({
      servicePackPattern: '-hotfix$',
    });
    try {
      const s = await setup(100);
      const n = await openTicket(s);
      const quote = await call(
        app,
        agent.auth,
        'GET',
        `/api/v1/staff/tickets/${n}/assessment-quote?category=5&fromVersion=4.3.1-hotfix&toVersion=4.3.9-hotfix`,
      );
      expect(quote.json()).toMatchObject({ patchSteps: 8, credits: 50 });
    } finally {
      await call(app, admin.auth, 'PUT', url, { servicePackPattern: '(^|[.\\- ])SP[0-9]*$' });
    }
    expect((await call(app, admin.auth, 'GET', url)).json().servicePackPattern).toBe('(^|[.\\- ])SP[0-9]*$');
  });

  it.runIf(!!process.env.DATABASE_URL)(
    'S-4 on PostgreSQL two agents taking the last VIP modification of the month at once: one is free, one credit-based',
    async () => {
      const s = await setup(100, { vip: 365 });
      const { supportPeriods } = await import('./vip-usage.js');
      const { month } = await supportPeriods(ctx.db, clock.now());
      await ctx.db
        .insertInto('support_vip_usage')
        .values({ kind: 'vip-modification', owner_id: s.c.id, period: month, used: 6 })
        .execute();
      const [n1, n2] = [await openTicket(s), await openTicket(s)];
      const [r1, r2] = await Promise.all([
        assess(n1, { category: 3, credits: 30 }),
        assess(n2, { category: 3, credits: 30 }),
      ]);
      const states = [r1.json().assessments[0].state, r2.json().assessments[0].state].sort();
      expect(states).toEqual(['covered', 'pending']);
      expect((await state(n1, s.c.primary.auth)).vip.modificationsUsed).toBe(7);
    },
  );
});
