import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  buildCompany,
  buildLicense,
  buildStaff,
  type TestCatalogue,
  type TestCompany,
} from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';

const { app, ctx, clock } = await setupApp();
const agent = await buildStaff(ctx, 'agent');

async function open(c: TestCompany, title = 'Question') {
  const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', { type: 'generic', title, message: 'Hi' });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { number: number }).number;
}
async function staffPost(n: number, internal = false) {
  const res = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'Answer', internal });
  if (res.statusCode !== 201) throw new Error(`answer failed: ${res.statusCode} ${res.body}`);
}
async function customerPost(c: TestCompany, n: number) {
  const res = await call(app, c.secondary.auth, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'More' });
  if (res.statusCode !== 201) throw new Error(`post failed: ${res.statusCode} ${res.body}`);
}
const setStatus = (n: number, status: 'pre_closed' | 'closed') =>
  ctx.db.updateTable('tickets').set({ status }).where('number', '=', String(n)).execute();

/**
 * A company with every kind of ticket: 1 waiting for support (the customer spoke last), 2 awaiting
 * the customer (an agent answered last; one also has a later internal note), 1 where the customer
 * answered the agent (then an internal note), 1 solved (Pre-closed), 1 closed; and a company B with an awaiting ticket.
 */
async function ticketsWorld() {
  const a = await buildCompany(ctx);
  const b = await buildCompany(ctx);
  const waiting = await open(a, 'Waiting for support');
  const awaiting1 = await open(a, 'Answered');
  await staffPost(awaiting1);
  const awaiting2 = await open(a, 'Answered, then a note');
  await staffPost(awaiting2);
  await staffPost(awaiting2, true);
  const answeredBack = await open(a, 'Answered back');
  await staffPost(answeredBack);
  await customerPost(a, answeredBack);
  // An internal note after the customer's reply does not make it the customer's turn.
  await staffPost(answeredBack, true);
  const solved = await open(a, 'Solved');
  await staffPost(solved);
  await setStatus(solved, 'pre_closed');
  const closed = await open(a, 'Closed');
  await staffPost(closed);
  await setStatus(closed, 'closed');
  const other = await open(b, 'Other company');
  await staffPost(other);
  return { a, b, waiting, awaiting1, awaiting2, answeredBack, solved, closed, other };
}

/** Company licenses: active at 4.7.1 (4.7.2 is new to it), one Not accepted, one with a fee due, one transferring out, and one offered to it. */
async function licensesWorld() {
  const a = await buildCompany(ctx);
  const b = await buildCompany(ctx);
  const cat = await buildCatalogue(ctx);
  const now = clock.now();
  await buildLicense(ctx, a.id, cat, { version: '4.7.1', url: 'https://a.example.com' });
  await buildLicense(ctx, a.id, cat, { state: 'not_accepted' });
  const fee = await buildLicense(ctx, a.id, cat, { url: 'https://fee.example.com' });
  await ctx.db
    .insertInto('license_url_changes')
    .values({
      license_id: fee.id,
      from_url: 'https://fee.example.com',
      to_url: 'https://new.example.org',
      change_kind: 'domain',
      state: 'fee_due',
      requested_at: now,
    })
    .execute();
  const out = await buildLicense(ctx, a.id, cat, { url: 'https://out.example.com' });
  const transfer = (license_id: string, from: string, to: string, email: string, by: string) =>
    ctx.db
      .insertInto('license_transfers')
      .values({
        license_id,
        from_company_id: from,
        to_company_id: to,
        to_email: email,
        state: 'requested',
        requested_by: by,
        requested_at: now,
      })
      .execute();
  await transfer(out.id, a.id, b.id, b.primary.email, a.primary.id);
  const incoming = await buildLicense(ctx, b.id, cat, { url: 'https://in.example.com' });
  await transfer(incoming.id, b.id, a.id, a.primary.email, b.primary.id);
  return { a, b, cat, fee, out };
}

async function securityPatch(cat: TestCatalogue, productId: string, daysAgo: number) {
  await ctx.db
    .insertInto('product_files')
    .values({
      product_id: productId,
      version: '4.7.2',
      kind: 'patch',
      security_patch: true,
      name: `patch-${daysAgo}.zip`,
      size: 1,
      media_type: 'application/zip',
      storage_key: `test/${randomUUID()}`,
      sha256: '0'.repeat(64),
      created_at: new Date(clock.now().getTime() - daysAgo * 86_400_000),
      created_by: null,
    })
    .execute();
  return cat;
}

const home = async (auth: TestCompany['primary']['auth']) => {
  const res = await call(app, auth, 'GET', '/api/v1/home');
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('customer home (issue 11: the portal at a glance)', () => {
  it('T-3 counts open tickets, those awaiting your reply (an agent spoke last, internal notes aside) and the solved ones, for this company only', async () => {
    const w = await ticketsWorld();
    const body = await home(w.a.primary.auth);
    // Open: waiting, awaiting1, awaiting2, answeredBack, solved; not the closed one.
    expect(body.tickets).toEqual({ open: 5, awaiting: 2, solved: 1 });
    const c = await call(app, w.a.secondary.auth, 'GET', '/api/v1/tickets/counts');
    expect(c.json()).toEqual({ open: 5, awaiting: 2, solved: 1 });
  });

  it('A-2 every profile role sees the ticket numbers; licenses needing action only the primary; releases and patches not a secondary', async () => {
    const w = await licensesWorld();
    await securityPatch(w.cat, w.cat.productId, 3);
    const primary = await home(w.a.primary.auth);
    const advanced = await home(w.a.advanced.auth);
    const secondary = await home(w.a.secondary.auth);
    expect(primary.tickets).toEqual({ open: 0, awaiting: 0, solved: 0 });
    expect(secondary.tickets).toEqual({ open: 0, awaiting: 0, solved: 0 });
    expect(primary.licenses).not.toBeNull();
    expect(advanced.licenses).toBeNull();
    expect(secondary.licenses).toBeNull();
    expect(advanced.updates).toEqual(primary.updates);
    expect(primary.updates).not.toBeNull();
    expect(secondary.updates).toBeNull();
  });

  it('L-3 L-5 L-7 licenses needing action: not accepted, renewal fee due, a transfer out still open (each license once), and a transfer offered to the company', async () => {
    const w = await licensesWorld();
    expect((await home(w.a.primary.auth)).licenses).toEqual({
      total: 3,
      notAccepted: 1,
      feeDue: 1,
      transfersOut: 1,
      transfersIn: 1,
    });
    // Company B: its license offered to A is transferring out, and A's license is offered to it.
    expect((await home(w.b.primary.auth)).licenses).toMatchObject({ total: 1, transfersOut: 1, transfersIn: 1 });
    // My licenses ?needs=action lists exactly those three licenses.
    const list = await call(app, w.a.primary.auth, 'GET', '/api/v1/licenses?needs=action');
    expect(list.statusCode).toBe(200);
    const states = list
      .json()
      .items.map((l: { state: string; url: string }) => l.url || l.state)
      .sort();
    expect(states).toEqual(['https://fee.example.com', 'https://out.example.com', 'not_accepted'].sort());
    const all = await call(app, w.a.primary.auth, 'GET', '/api/v1/licenses');
    expect(all.json().items).toHaveLength(4);
  });

  it('F-7 L-9 new releases (last 30 days, newer than the licensed version) and security patches (last 30 days) for the Active licenses only', async () => {
    const w = await licensesWorld();
    // Inside the window: 3 days ago; outside: 40 days ago; another product the company holds no license for.
    await securityPatch(w.cat, w.cat.productId, 3);
    await securityPatch(w.cat, w.cat.productId, 40);
    await securityPatch(w.cat, w.cat.otherProductId, 1);
    const body = await home(w.a.primary.auth);
    // Today 2026-03-02: 4.7.2 (2026-02-20) is newer than the 4.7.1 license; the 4.7.2 licenses have nothing new.
    expect(body.updates).toEqual({
      since: '2026-01-31',
      newReleases: 1,
      securityPatches: 1,
      latest: [{ product: 'Cart', version: '4.7.2', releasedOn: '2026-02-20' }],
    });
    // Company B holds only 4.7.2 licenses: nothing new, and the patch counts (it holds Cart).
    expect((await home(w.b.primary.auth)).updates).toMatchObject({ newReleases: 0, securityPatches: 1 });
  });

  it('A-2 the home summary is refused to nobody signed in (401) and to staff (403)', async () => {
    expectProblem(await call(app, {}, 'GET', '/api/v1/home'), 401);
    expectProblem(await call(app, agent.auth, 'GET', '/api/v1/home'), 403);
    expectProblem(await call(app, agent.auth, 'GET', '/api/v1/tickets/counts'), 403);
  });
});

describe('T-14 the communication index by view', () => {
  it('T-14 view=open / awaiting / solved / closed / all each list exactly their tickets, and each row says whether it awaits your reply', async () => {
    const w = await ticketsWorld();
    const list = async (view: string) => {
      const res = await call(app, w.a.primary.auth, 'GET', `/api/v1/tickets?view=${view}`);
      expect(res.statusCode).toBe(200);
      return res.json().items as { number: number; awaitingReply: boolean }[];
    };
    const numbers = async (view: string) => (await list(view)).map((t) => t.number).sort((x, y) => x - y);
    const sorted = (...n: number[]) => n.sort((x, y) => x - y);
    expect(await numbers('awaiting')).toEqual(sorted(w.awaiting1, w.awaiting2));
    expect(await numbers('open')).toEqual(sorted(w.waiting, w.awaiting1, w.awaiting2, w.answeredBack, w.solved));
    expect(await numbers('solved')).toEqual([w.solved]);
    expect(await numbers('closed')).toEqual([w.closed]);
    expect(await numbers('all')).toEqual(
      sorted(w.waiting, w.awaiting1, w.awaiting2, w.answeredBack, w.solved, w.closed),
    );
    const flags = Object.fromEntries((await list('all')).map((t) => [t.number, t.awaitingReply]));
    expect(flags).toEqual({
      [w.waiting]: false,
      [w.awaiting1]: true,
      [w.awaiting2]: true,
      [w.answeredBack]: false,
      [w.solved]: false,
      [w.closed]: false,
    });
    // The ticket page says the same as its row ("Awaiting your reply" on both).
    for (const [n, awaiting] of Object.entries(flags)) {
      const one = await call(app, w.a.primary.auth, 'GET', `/api/v1/tickets/${n}`);
      expect(one.json().awaitingReply, `ticket #${n}`).toBe(awaiting);
    }
  });

  it('T-14 a view keeps keyset paging: two pages of the open view hold every open ticket once', async () => {
    const w = await ticketsWorld();
    const first = await call(app, w.a.primary.auth, 'GET', '/api/v1/tickets?view=open&limit=3');
    const p1 = first.json();
    expect(p1.items).toHaveLength(3);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (
      await call(app, w.a.primary.auth, 'GET', `/api/v1/tickets?view=open&limit=3&cursor=${p1.nextCursor}`)
    ).json();
    const all = [...p1.items, ...p2.items].map((t: { number: number }) => t.number);
    expect(new Set(all).size).toBe(5);
    expect(p2.nextCursor).toBeNull();
  });

  it('T-14 an unknown view is a per-field 400, not a 500', async () => {
    const c = await buildCompany(ctx);
    const res = await call(app, c.primary.auth, 'GET', '/api/v1/tickets?view=mine');
    expectProblem(res, 400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('view');
  });
});
