import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff, mailTo, sessionFor, type TestCompany } from '../../../test/factories.js';
import { call, setupApp } from '../../../test/helpers.js';
import { closePreClosedTickets, preCloseSilentTickets } from './automation.js';

const { app, ctx, clock } = await setupApp();

async function open(c: TestCompany, type: string) {
  const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
    type,
    title: `A ${type} question`,
    message: 'Hello',
  });
  return res.json().number as number;
}
const status = async (n: number) =>
  (await ctx.db.selectFrom('tickets').select('status').where('number', '=', String(n)).executeTakeFirstOrThrow())
    .status;

describe('ticket automation (T-8, T-9)', () => {
  it('T-8 pre-closes a solved support ticket after 3 silent days, to the minute; T-9 closes it 3 days later', async () => {
    clock.set('2026-04-01T10:00:00Z');
    const c = await buildCompany(ctx);
    const agent = await buildStaff(ctx, 'agent');
    const n = await open(c, 'generic');
    await ctx.db.updateTable('tickets').set({ type_key: 'tech' }).where('number', '=', String(n)).execute();
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Fixed' });
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { solved: true });
    clock.set('2026-04-04T09:59:00Z');
    await preCloseSilentTickets(ctx);
    expect(await status(n)).toBe('in_progress');
    clock.set('2026-04-04T10:00:00Z');
    await preCloseSilentTickets(ctx);
    expect(await status(n)).toBe('pre_closed');
    expect((await mailTo(ctx, c.primary.email))[0]?.kind).toBe('ticket-pre-closed');
    clock.set('2026-04-07T09:59:00Z');
    await closePreClosedTickets(ctx);
    expect(await status(n)).toBe('pre_closed');
    clock.set('2026-04-07T10:00:00Z');
    await closePreClosedTickets(ctx);
    expect(await status(n)).toBe('closed');
    const closeMail = (await mailTo(ctx, c.primary.email))[0];
    expect(closeMail?.kind).toBe('ticket-closed');
    expect(closeMail?.text_body).toContain('?rate=1');
    const events = await ctx.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select(['e.actor_kind', 'e.to_value'])
      .where('t.number', '=', String(n))
      .where('e.kind', '=', 'status')
      .orderBy('e.id')
      .execute();
    expect(events.slice(-2)).toEqual([
      { actor_kind: 'system', to_value: 'pre_closed' },
      { actor_kind: 'system', to_value: 'closed' },
    ]);
  });

  it('T-8 a support ticket that is not marked solved, and a Generic ticket, are never pre-closed', async () => {
    clock.set('2026-05-01T10:00:00Z');
    const c = await buildCompany(ctx);
    const generic = await open(c, 'generic');
    const agent = await buildStaff(ctx, 'agent');
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${generic}`, { solved: true });
    const support = await open(c, 'sales');
    await ctx.db.updateTable('tickets').set({ type_key: 'tech' }).where('number', '=', String(support)).execute();
    clock.set('2026-09-01T10:00:00Z');
    await preCloseSilentTickets(ctx);
    expect(await status(generic)).toBe('submitted');
    expect(await status(support)).toBe('submitted');
  });

  it('T-8 pre-closes a sales ticket after 30 silent days, 14 for a pre-sales account (A-11); a message restarts the count', async () => {
    clock.set('2026-06-01T10:00:00Z');
    const presales = await buildCompany(ctx);
    const customer = await buildCompany(ctx);
    await ctx.db.updateTable('companies').set({ first_order_at: clock.now() }).where('id', '=', customer.id).execute();
    const a = await open(presales, 'sales');
    const b = await open(customer, 'sales');
    clock.set('2026-06-15T09:59:00Z');
    await preCloseSilentTickets(ctx);
    expect([await status(a), await status(b)]).toEqual(['submitted', 'submitted']);
    clock.set('2026-06-15T10:00:00Z');
    await preCloseSilentTickets(ctx);
    expect([await status(a), await status(b)]).toEqual(['pre_closed', 'submitted']);
    // The event names the status the ticket really had (T-3), not a fixed one.
    const events = await ctx.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select(['e.from_value', 'e.to_value'])
      .where('t.number', '=', String(a))
      .where('e.kind', '=', 'status')
      .execute();
    expect(events).toEqual([{ from_value: 'submitted', to_value: 'pre_closed' }]);
    clock.set('2026-06-20T10:00:00Z');
    // A fresh session: the one from June 1st has expired by now.
    const res = await call(
      app,
      await sessionFor(ctx, { profileId: customer.primary.id }),
      'POST',
      `/api/v1/tickets/${b}/messages`,
      { body: 'Still interested' },
    );
    expect(res.statusCode).toBe(201);
    clock.set('2026-07-01T10:00:00Z');
    await preCloseSilentTickets(ctx);
    expect(await status(b)).toBe('submitted');
    clock.set('2026-07-20T10:00:00Z');
    await preCloseSilentTickets(ctx);
    expect(await status(b)).toBe('pre_closed');
  });

  it('T-8 T-9 the jobs are idempotent and correct when two processes run them at once', async () => {
    clock.set('2026-08-01T10:00:00Z');
    const c = await buildCompany(ctx);
    const numbers = [];
    for (let i = 0; i < 12; i++) numbers.push(await open(c, 'sales'));
    clock.set('2026-09-01T10:00:00Z');
    const counts = await Promise.all([
      preCloseSilentTickets(ctx),
      preCloseSilentTickets(ctx),
      preCloseSilentTickets(ctx),
    ]);
    expect(counts.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(12);
    for (const n of numbers) expect(await status(n)).toBe('pre_closed');
    const events = await ctx.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('t.company_id', '=', c.id)
      .where('e.to_value', '=', 'pre_closed')
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(12);
    expect(await preCloseSilentTickets(ctx)).toBe(0);
    clock.set('2026-09-04T10:00:00Z');
    await Promise.all([closePreClosedTickets(ctx), closePreClosedTickets(ctx)]);
    const closes = await ctx.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('t.company_id', '=', c.id)
      .where('e.to_value', '=', 'closed')
      .executeTakeFirstOrThrow();
    expect(Number(closes.n)).toBe(12);
    const mails = (await mailTo(ctx, c.primary.email)).filter((m) => m.kind === 'ticket-closed');
    expect(mails).toHaveLength(12);
  });
});
