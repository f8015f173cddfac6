import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import { buildCatalogue, buildCompany, buildLicense, buildStaff, type TestCompany } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';
import { grantLicenseSupport } from '../support/index.js';

const t = await setupApp();
const system: Actor = { kind: 'system', name: 'test' };
const cat = await buildCatalogue(t.ctx);
// The catalogue's main product comes with VIP care (S-4); the other product with credits.
await t.ctx.db
  .insertInto('support_product_terms')
  .values({ product_id: cat.productId, plan: 'vip', period_days: null })
  .execute();

/** A company with a license that has VIP care from now on (a year, S-4). */
async function vipCompany(): Promise<TestCompany & { licenseKey: string }> {
  const c = await buildCompany(t.ctx);
  const l = await buildLicense(t.ctx, c.id, cat);
  await grantLicenseSupport(t.ctx.db, {
    licenseId: l.id,
    companyId: c.id,
    productId: cat.productId,
    at: t.clock.now(),
    actor: system,
  });
  return { ...c, licenseKey: l.key };
}

const chatCount = async (companyId: string) =>
  Number(
    (
      await t.ctx.db
        .selectFrom('chat_sessions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('company_id', '=', companyId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('VIP live chat (S-4)', () => {
  // The test clock: Monday 2026-03-02 09:00 UTC = 13:00 in Dubai, inside the default support hours.
  it('S-4 a VIP customer chats during support hours', async () => {
    const c = await vipCompany();
    const agent = await buildStaff(t.ctx, 'agent');
    const avail = await call(t.app, c.secondary.auth, 'GET', '/api/v1/chat/availability');
    expect(avail.json()).toMatchObject({ vip: true, open: true, current: null });

    const started = await call(t.app, c.secondary.auth, 'POST', '/api/v1/chat/sessions', { message: 'Hello, help!' });
    expect(started.statusCode).toBe(201);
    const chat = started.json();
    expect(chat).toMatchObject({ status: 'waiting', lastSeq: 1, customerName: 'Sid Secondary', ticket: null });

    const waiting = await call(t.app, agent.auth, 'GET', '/api/v1/staff/chat/sessions?view=waiting&limit=200');
    expect(waiting.json().items.map((s: { id: string }) => s.id)).toContain(chat.id);
    // Not taken yet: the agent cannot answer.
    expectProblem(
      await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/messages`, { body: 'Hi' }),
      409,
    );

    const taken = await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/take`);
    expect(taken.json()).toMatchObject({ status: 'active', agentName: 'Staff agent' });
    const other = await buildStaff(t.ctx, 'agent');
    expectProblem(
      await call(t.app, other.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/take`),
      409,
      'conflict',
    );

    t.clock.advance({ minutes: 1 });
    const answer = await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/messages`, {
      body: 'How can I help?',
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.json().message).toMatchObject({ seq: 2, author: { kind: 'agent', name: 'Staff agent' } });
    await call(t.app, c.secondary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, { body: 'Thanks' });

    // A client that lost its socket asks for what came after the last seq it has.
    const after = await call(t.app, c.secondary.auth, 'GET', `/api/v1/chat/sessions/${chat.id}/messages?after=1`);
    expect(after.json().items.map((m: { seq: number; body: string }) => [m.seq, m.body])).toEqual([
      [2, 'How can I help?'],
      [3, 'Thanks'],
    ]);
    // Another profile of the same company does not see it.
    expectProblem(await call(t.app, c.primary.auth, 'GET', `/api/v1/chat/sessions/${chat.id}/messages`), 404);

    const ended = await call(t.app, c.secondary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/end`);
    expect(ended.json()).toMatchObject({ status: 'ended', endedBy: 'customer' });
    const late = await call(t.app, c.secondary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, {
      body: 'One more thing',
    });
    expectProblem(late, 409, 'conflict');
    expect(
      (await call(t.app, agent.auth, 'GET', `/api/v1/staff/chat/sessions/${chat.id}/messages`)).json().items,
    ).toHaveLength(3);
  });

  it('S-4 a non-VIP company cannot start a chat', async () => {
    const c = await buildCompany(t.ctx);
    await buildLicense(t.ctx, c.id, cat, { productId: cat.otherProductId });
    expect((await call(t.app, c.primary.auth, 'GET', '/api/v1/chat/availability')).json()).toMatchObject({
      vip: false,
    });
    const res = await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', { message: 'Hi' });
    expectProblem(res, 403, 'forbidden');
    expect(await chatCount(c.id)).toBe(0);
  });

  it('S-4 a VIP customer cannot start a chat outside support hours, and is told the next opening', async () => {
    const c = await vipCompany();
    t.clock.set('2026-03-07T10:00:00Z'); // Saturday
    try {
      const avail = (await call(t.app, c.primary.auth, 'GET', '/api/v1/chat/availability')).json();
      expect(avail).toMatchObject({ vip: true, open: false, nextOpening: '2026-03-09T05:00:00.000Z' });
      const res = expectProblem(
        await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', {}),
        409,
        'conflict',
      );
      expect(res.detail).toContain('2026-03-09T05:00:00.000Z');
      expect(await chatCount(c.id)).toBe(0);
    } finally {
      t.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('S-4 refuses an empty or too long message and a second open chat, storing nothing', async () => {
    const c = await vipCompany();
    const chat = (await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', {})).json();
    const empty = expectProblem(
      await call(t.app, c.primary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, { body: '   ' }),
      400,
    );
    expect(empty.errors?.[0]?.field).toBe('body');
    const long = await call(t.app, c.primary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, {
      body: 'x'.repeat(4001),
    });
    expectProblem(long, 400);
    expectProblem(await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', { message: 'again' }), 409);
    const s = (await call(t.app, c.primary.auth, 'GET', `/api/v1/chat/sessions/${chat.id}`)).json();
    expect(s.lastSeq).toBe(0);
    expect(await chatCount(c.id)).toBe(1);
  });

  it('S-4 a customer whose VIP care ended cannot write in the chat any more; nothing is stored', async () => {
    const c = await vipCompany();
    const chat = (await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', {})).json();
    // VIP care ends while the chat is open (its last day passed).
    await t.ctx.db
      .updateTable('support_plans')
      .set({ vip_until: t.clock.now() })
      .where('company_id', '=', c.id)
      .execute();
    const res = await call(t.app, c.primary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, { body: 'Hi' });
    expectProblem(res, 403, 'forbidden');
    const s = (await call(t.app, c.primary.auth, 'GET', `/api/v1/chat/sessions/${chat.id}`)).json();
    expect(s.lastSeq).toBe(0);
  });

  it('S-4 a message sent again with its Idempotency-Key is stored once', async () => {
    const c = await vipCompany();
    const chat = (await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', {})).json();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/chat/sessions/${chat.id}/messages`,
        headers: {
          cookie: `clientele_session=${c.primary.auth.cookie}`,
          'x-csrf-token': c.primary.auth.csrf as string,
          'content-type': 'application/json',
          'idempotency-key': 'chat-retry-1',
        },
        payload: JSON.stringify({ body: 'Only once' }),
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().message.seq).toBe(first.json().message.seq);
    const all = (await call(t.app, c.primary.auth, 'GET', `/api/v1/chat/sessions/${chat.id}/messages`)).json();
    expect(all.items).toHaveLength(1);
  });

  it.runIf(!!process.env.DATABASE_URL)(
    'S-4 messages written at once get distinct consecutive numbers, and two agents taking at once: one has it',
    async () => {
      const c = await vipCompany();
      const chat = (await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', {})).json();
      const sent = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          call(t.app, c.primary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, { body: `m${i}` }),
        ),
      );
      expect(sent.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
      expect(sent.map((r) => r.json().message.seq).sort((a: number, b: number) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      const agents = await Promise.all([buildStaff(t.ctx, 'agent'), buildStaff(t.ctx, 'agent')]);
      const takes = await Promise.all(
        agents.map((a) => call(t.app, a.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/take`)),
      );
      expect(takes.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    },
  );

  it('S-4 turning a chat into a ticket carries the transcript', async () => {
    const c = await vipCompany();
    const agent = await buildStaff(t.ctx, 'agent');
    const chat = (
      await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', { message: 'The cart is empty after login' })
    ).json();
    await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/take`);
    t.clock.advance({ minutes: 2 });
    await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/messages`, {
      body: 'Which version do you run?',
    });
    const res = await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/ticket`);
    expect(res.statusCode).toBe(201);
    const { ticket, session } = res.json();
    expect(session).toMatchObject({ status: 'ended', ticket: { number: ticket.number } });

    const customerView = (await call(t.app, c.primary.auth, 'GET', `/api/v1/chat/sessions/${chat.id}`)).json();
    expect(customerView.ticket).toEqual({ number: ticket.number });
    const tk = (await call(t.app, c.primary.auth, 'GET', `/api/v1/tickets/${ticket.number}`)).json();
    expect(tk).toMatchObject({ type: { key: 'tech' }, licenses: [c.licenseKey] });
    const row = await t.ctx.db
      .selectFrom('ticket_messages')
      .select(['body'])
      .where(
        'ticket_id',
        '=',
        (
          await t.ctx.db
            .selectFrom('tickets')
            .select('id')
            .where('number', '=', String(ticket.number))
            .executeTakeFirstOrThrow()
        ).id,
      )
      .execute();
    expect(row).toHaveLength(1);
    const body = row[0]?.body ?? '';
    expect(body).toContain('[2026-03-02 09:00 UTC] Pat Primary (customer): The cart is empty after login');
    expect(body).toContain('[2026-03-02 09:02 UTC] Staff agent (agent): Which version do you run?');
    // Once per chat.
    expectProblem(await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/ticket`), 409);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', chat.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['chat.taken', 'chat.ended', 'chat.ticket-created']);
  });

  it('S-4 pushes a new message to the agent socket; a socket from another origin is refused', async () => {
    const c = await vipCompany();
    const agent = await buildStaff(t.ctx, 'agent');
    const headers = { cookie: `clientele_session=${agent.auth.cookie}`, origin: 'http://clientele.test' };
    const events: { type: string; message?: { body: string } }[] = [];
    let ready!: () => void;
    const isReady = new Promise<void>((r) => {
      ready = r;
    });
    const ws = await t.app.injectWS(
      '/api/v1/staff/chat/ws',
      { headers },
      {
        onInit: (socket) =>
          socket.on('message', (data) => {
            const e = JSON.parse(String(data));
            if (e.type === 'ready') ready();
            else events.push(e);
          }),
      },
    );
    await isReady;
    const chat = (await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', { message: 'Ping' })).json();
    await expect.poll(() => events.map((e) => e.type)).toEqual(['started', 'message']);
    expect(events[1]?.message?.body).toBe('Ping');
    expect(chat.id).toBeTruthy();
    ws.terminate();

    await expect(
      t.app.injectWS('/api/v1/staff/chat/ws', { headers: { ...headers, origin: 'https://evil.example' } }),
    ).rejects.toThrow(/403/);
    await expect(
      t.app.injectWS('/api/v1/chat/ws', {
        headers: { cookie: `clientele_session=${agent.auth.cookie}`, origin: 'http://clientele.test' },
      }),
    ).rejects.toThrow(/403/);
    expectProblem(await call(t.app, agent.auth, 'GET', '/api/v1/staff/chat/ws'), 400);
  });
});
