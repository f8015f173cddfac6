import { describe, expect, it } from 'vitest';
import { buildCatalogue, buildCompany, buildLicense, buildStaff, type TestCompany } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';
import { closePreClosedTickets, preCloseSilentTickets } from './automation.js';

const { app, ctx, clock } = await setupApp();
// Sessions expire as the clock moves on: each test signs in a fresh agent after setting the clock.
let agent = await buildStaff(ctx, 'agent');

/** Counts what reaches the storage: a refused upload must not write a byte. */
let puts = 0;
const put = ctx.storage.put.bind(ctx.storage);
ctx.storage.put = (body, options) => {
  puts += 1;
  return put(body, options);
};

async function techTicket(c: TestCompany) {
  const cat = await buildCatalogue(ctx);
  const l = await buildLicense(ctx, c.id, cat, { url: `https://shop-${c.id.slice(0, 8)}.example.com` });
  const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
    type: 'tech',
    licenses: [l.key],
    title: 'Checkout fails',
    message: 'The checkout page shows an error.',
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json().number as number;
}
const customerView = async (c: TestCompany, n: number) =>
  (await call(app, c.primary.auth, 'GET', `/api/v1/tickets/${n}`)).json();
const staffView = async (n: number) => (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${n}`)).json();

function multipart(fields: [string, string][], files: { name: string; content: Buffer }[]) {
  const boundary = `----clt${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of fields)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const send = (c: TestCompany, url: string, body: ReturnType<typeof multipart>) =>
  app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: {
      ...body.headers,
      cookie: `clientele_session=${c.primary.auth.cookie}`,
      'x-csrf-token': c.primary.auth.csrf ?? '',
    },
  });

describe('ticket workspace: solved, closing date (T-8, T-9)', () => {
  it('T-8 a ticket marked solved reads "solved" on both sides with the date the sweep will close it; T-9 the date holds through the pre-close', async () => {
    clock.set('2026-06-01T10:00:00Z');
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const n = await techTicket(c);
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Fixed, please check.' });
    expect(await customerView(c, n)).toMatchObject({ status: 'in_progress', solved: false, closesAt: null });
    clock.set('2026-06-01T12:00:00Z');
    const marked = await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { solved: true });
    expect(marked.statusCode).toBe(200);
    // Silent 3 days from the mark → pre-closed, then 3 more → closed.
    const expected = '2026-06-07T12:00:00.000Z';
    expect(marked.json()).toMatchObject({ solved: true, closesAt: expected, solvedAt: '2026-06-01T12:00:00.000Z' });
    expect(await customerView(c, n)).toMatchObject({ status: 'in_progress', solved: true, closesAt: expected });
    expect(await staffView(n)).toMatchObject({ solved: true, closesAt: expected });

    clock.set('2026-06-04T12:00:00Z');
    expect(await preCloseSilentTickets(ctx)).toBeGreaterThanOrEqual(1);
    expect(await customerView(c, n)).toMatchObject({ status: 'pre_closed', solved: true, closesAt: expected });
    clock.set('2026-06-07T11:59:00Z');
    await closePreClosedTickets(ctx);
    expect((await customerView(c, n)).status).toBe('pre_closed');
    clock.set(expected);
    await closePreClosedTickets(ctx);
    expect(await customerView(c, n)).toMatchObject({ status: 'closed', solved: false, closesAt: null });
  });

  it('T-8 a later agent answer moves the date on (the silence counts from the last message); a customer reply withdraws "solved"', async () => {
    clock.set('2026-06-10T10:00:00Z');
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const n = await techTicket(c);
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { solved: true });
    clock.set('2026-06-11T10:00:00Z');
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'One more hint.' });
    expect(await customerView(c, n)).toMatchObject({ solved: true, closesAt: '2026-06-17T10:00:00.000Z' });
    const reply = await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'Still broken' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().ticket).toMatchObject({ status: 'in_progress', solved: false, closesAt: null });
    clock.set('2026-06-20T10:00:00Z');
    await preCloseSilentTickets(ctx);
    expect((await customerView(c, n)).status).toBe('in_progress');
  });

  it('T-9 a pre-closed ticket the customer answers goes back to In progress and loses its closing date', async () => {
    clock.set('2026-06-21T10:00:00Z');
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const n = await techTicket(c);
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { status: 'pre_closed' });
    expect(await customerView(c, n)).toMatchObject({
      status: 'pre_closed',
      solved: true,
      closesAt: '2026-06-24T10:00:00.000Z',
    });
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'Wait, one more thing' });
    expect(await customerView(c, n)).toMatchObject({ status: 'in_progress', solved: false, closesAt: null });
  });

  it('T-8 a Generic ticket marked solved is never closed by the sweep: solved, but no closing date', async () => {
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
      type: 'generic',
      title: 'Q',
      message: 'M',
    });
    const n = res.json().number as number;
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { solved: true });
    expect(await customerView(c, n)).toMatchObject({ solved: true, closesAt: null });
  });
});

describe('ticket workspace: staff view and access (T-13, T-16)', () => {
  it('T-13 staff see the rating and its comment; the customer view carries no staff-only fields', async () => {
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const n = await techTicket(c);
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Done.' });
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Secret note', internal: true });
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { status: 'closed' });
    const rated = await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${n}/rating`, {
      rating: 2,
      comment: 'Took too long',
    });
    expect(rated.statusCode).toBe(200);
    expect(await staffView(n)).toMatchObject({ rating: 2, ratingComment: 'Took too long' });
    const mine = await customerView(c, n);
    expect(mine).toMatchObject({ rating: 2, ratingComment: 'Took too long' });
    for (const k of ['assignee', 'company', 'effective', 'effectiveLabel', 'dueAt', 'solvedAt', 'preClosedAt'])
      expect(mine).not.toHaveProperty(k);
    expect(JSON.stringify(mine)).not.toContain('Secret note');
  });

  it('T-16 "Assign to me": an agent assigns the ticket to themselves; a role without tickets, and a customer, cannot', async () => {
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const n = await techTicket(c);
    const content = await buildStaff(ctx, 'content');
    expectProblem(
      await call(app, content.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { assigneeId: content.id }),
      403,
    );
    expect(
      (await call(app, c.primary.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { assigneeId: agent.id })).statusCode,
    ).toBe(403);
    const billing = await buildStaff(ctx, 'billing');
    const res = await call(app, billing.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { assigneeId: billing.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'assigned', assignee: { id: billing.id, name: billing.name } });
    const mine = await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { assigneeId: agent.id });
    expect(mine.json()).toMatchObject({ status: 'assigned', assignee: { id: agent.id } });
  });
});

describe('ticket workspace: fields before file bytes (T-4, F-6)', () => {
  it('T-4 a tech-support ticket without its license is refused, naming the field, before any attachment byte is stored', async () => {
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const title = `No license ${Math.random().toString(16).slice(2)}`;
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    puts = 0;
    const res = await send(
      c,
      '/api/v1/tickets',
      multipart(
        [
          ['type', 'tech'],
          ['title', title],
          ['message', 'See the attached dump'],
        ],
        [{ name: 'dump.bin', content: big }],
      ),
    );
    const p = expectProblem(res, 400, 'validation-failed');
    expect(p.errors?.map((e) => e.field)).toEqual(['licenses']);
    expect(puts).toBe(0);
    expect(await ctx.db.selectFrom('tickets').select('id').where('title', '=', title).execute()).toEqual([]);
  });

  it('T-4 missing text fields are named before the file is stored too; with valid fields the file is stored once', async () => {
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    puts = 0;
    const res = await send(
      c,
      '/api/v1/tickets',
      multipart([['type', 'generic']], [{ name: 'a.txt', content: Buffer.from('x') }]),
    );
    expect(
      expectProblem(res, 400)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['message', 'title']);
    expect(puts).toBe(0);
    const ok = await send(
      c,
      '/api/v1/tickets',
      multipart(
        [
          ['type', 'generic'],
          ['title', 'With a file'],
          ['message', 'Here'],
        ],
        [{ name: 'a.txt', content: Buffer.from('x') }],
      ),
    );
    expect(ok.statusCode).toBe(201);
    expect(puts).toBe(1);
  });

  it('T-6 a message with attachments to a closed ticket, from the customer or an agent, is refused before the file is stored', async () => {
    agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const n = await techTicket(c);
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { status: 'closed' });
    puts = 0;
    const res = await send(
      c,
      `/api/v1/tickets/${n}/messages`,
      multipart([['body', 'Hello again']], [{ name: 'b.txt', content: Buffer.alloc(1024 * 1024, 0x62) }]),
    );
    expectProblem(res, 409);
    expect(puts).toBe(0);
    const staffAnswer = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/tickets/${n}/messages`,
      ...(() => {
        const b = multipart([['body', 'An answer']], [{ name: 'c.txt', content: Buffer.alloc(1024 * 1024, 0x63) }]);
        return {
          payload: b.payload,
          headers: {
            ...b.headers,
            cookie: `clientele_session=${agent.auth.cookie}`,
            'x-csrf-token': agent.auth.csrf ?? '',
          },
        };
      })(),
    });
    expectProblem(staffAnswer, 409);
    expect(puts).toBe(0);
  });
});

describe('ticket workspace: support hours (S-5)', () => {
  it("S-5 the new-ticket options carry the support hours on the desk's clock and on the viewer's", async () => {
    clock.set('2026-01-07T10:00:00Z');
    const c = await buildCompany(ctx);
    const res = await call(app, c.primary.auth, 'GET', '/api/v1/tickets/options?timeZone=Europe%2FBerlin');
    expect(res.statusCode).toBe(200);
    const h = res.json().supportHours;
    expect(h.timeZone).toBe('Asia/Dubai');
    expect(h.hours[0]).toEqual({ weekday: 1, start: '09:00', end: '18:00' });
    expect(h.viewerTimeZone).toBe('Europe/Berlin');
    expect(h.inViewerZone).toHaveLength(5);
    expect(h.inViewerZone[0]).toEqual({ weekday: 1, start: '06:00', end: '15:00' });
    const unknown = (await call(app, c.primary.auth, 'GET', '/api/v1/tickets/options?timeZone=Mars%2FBase')).json();
    expect(unknown.supportHours).toMatchObject({ viewerTimeZone: null, inViewerZone: null });
  });
});
