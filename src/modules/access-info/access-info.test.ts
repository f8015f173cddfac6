import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../../app.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../core/config.js';
import { inTransaction } from '../../core/db/transaction.js';
import {
  buildCompany,
  buildStaff,
  sessionFor,
  type TestCompany,
  type TestPerson,
  uniq,
} from '../../../test/factories.js';
import { type Auth, call, expectProblem, setupApp } from '../../../test/helpers.js';
import { closePreClosedTickets } from '../tickets/automation.js';
import { eraseExpiredAccessInfo } from './erase-expired.js';
import { checkAccessInfoKeys, generatedKeyFile, withEmbeddedAccessInfoKey } from './key-setup.js';

const { app, ctx, clock } = await setupApp();

async function openTicket(c: TestCompany, title = 'Server question') {
  const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
    type: 'generic',
    title,
    message: 'Please look at our server.',
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  const number = res.json().number as number;
  const { id } = await ctx.db
    .selectFrom('tickets')
    .select('id')
    .where('number', '=', String(number))
    .executeTakeFirstOrThrow();
  return { id, number };
}

const url = (n: number) => `/api/v1/tickets/${n}/access-info`;
const staffUrl = (n: number) => `/api/v1/staff/tickets/${n}/access-info`;
const put = (auth: Auth, n: number, body: Record<string, unknown>) => call(app, auth, 'PUT', url(n), body);
const valid = (over: Record<string, unknown> = {}) => ({
  protocol: 'ssh',
  host: 'shop.example.com',
  port: 22,
  username: 'deploy',
  password: `Pw-${uniq()}-xy`,
  ...over,
});
const fields = (res: { json: () => { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field).sort();

const rowOf = (ticketId: string) =>
  ctx.db.selectFrom('ticket_access_info').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
const auditOf = (ticketId: string) =>
  ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', ticketId).orderBy('id').execute();

const agent = await buildStaff(ctx, 'agent');
const admin = await buildStaff(ctx, 'admin');
const head = await buildStaff(ctx, 'department_head');
// Tests move the clock by weeks: staff sign in again before each (sessions last 14 days).
beforeEach(async () => {
  for (const s of [agent, admin, head]) s.auth = await sessionFor(ctx, { staffId: s.id });
});
/** A customer signs in again after the clock moved past their session. */
const again = async (c: TestCompany) => {
  for (const p of [c.primary, c.advanced, c.secondary]) p.auth = await sessionFor(ctx, { profileId: p.id });
};

async function assign(n: number, to: TestPerson) {
  const res = await call(app, admin.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { assigneeId: to.id });
  if (res.statusCode !== 200) throw new Error(`assign failed: ${res.statusCode} ${res.body}`);
}
const reveal = (auth: Auth, n: number) => call(app, auth, 'POST', `${staffUrl(n)}/reveal`);

describe('access info: customers (T-18)', () => {
  it('T-18 every profile role of the company (primary, advanced, secondary) leaves access info and sees only what is safe', async () => {
    const c = await buildCompany(ctx);
    for (const who of [c.primary, c.advanced, c.secondary]) {
      const t = await openTicket(c);
      const password = `Sec-${uniq()}-Zq`;
      const res = await put(who.auth, t.number, valid({ password, privateKey: '-----BEGIN KEY-----x', notes: 'n' }));
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toContain(password);
      expect(res.body).not.toContain('BEGIN KEY');
      expect(res.json()).toMatchObject({
        enabled: true,
        canPost: true,
        retentionDays: 14,
        unreadable: false,
        erased: null,
        accessInfo: {
          protocol: 'ssh',
          host: 'shop.example.com',
          port: 22,
          username: 'deploy',
          password: { saved: true, endsWith: 'Zq' },
          privateKeySaved: true,
          notesSaved: true,
          postedBy: who.name,
          eraseAfter: null,
        },
      });
      // Any profile of the company sees it (the ticket is the company's).
      const seen = await call(app, c.secondary.auth, 'GET', url(t.number));
      expect(seen.json().accessInfo.host).toBe('shop.example.com');
      expect(seen.body).not.toContain(password);
    }
  });

  it('T-18 a new post replaces the old one; a short password shows no characters at all', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    const res = await put(
      c.advanced.auth,
      t.number,
      valid({ protocol: 'https', host: 'https://x.example/admin', port: null, password: 'short' }),
    );
    expect(res.json().accessInfo).toMatchObject({
      protocol: 'https',
      port: null,
      password: { saved: true, endsWith: null },
    });
    const actions = (await auditOf(t.id)).map((a) => a.action);
    expect(actions).toEqual(['access-info.posted', 'access-info.replaced']);
  });

  it('T-18 bad input is a problem+json per field and writes nothing: missing host, bad port, oversize fields', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    const cases: [Record<string, unknown>, string[]][] = [
      [valid({ host: '' }), ['host']],
      [valid({ host: undefined }), ['host']],
      [valid({ host: 'two words' }), ['host']],
      [valid({ port: 0 }), ['port']],
      [valid({ port: 70000 }), ['port']],
      [valid({ port: 22.5 }), ['port']],
      [valid({ port: '22' }), ['port']],
      [valid({ protocol: 'telnet' }), ['protocol']],
      [valid({ password: 'x'.repeat(1025), notes: 'n'.repeat(4001) }), ['notes', 'password']],
      [valid({ privateKey: 'k'.repeat(16_385), username: 'u'.repeat(256) }), ['privateKey', 'username']],
      [valid({ extra: 1 }), ['extra']],
    ];
    for (const [body, expected] of cases) {
      const res = await put(c.primary.auth, t.number, body);
      expectProblem(res, 400, 'validation-failed');
      expect(fields(res), JSON.stringify(body).slice(0, 80)).toEqual(expected);
    }
    expect(await rowOf(t.id)).toBeUndefined();
    expect(await auditOf(t.id)).toEqual([]);
  });

  it("T-18 another company's ticket is 404 for reading, posting and erasing, and nothing is written", async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const t = await openTicket(a);
    expectProblem(await call(app, b.primary.auth, 'GET', url(t.number)), 404, 'not-found');
    expectProblem(await put(b.primary.auth, t.number, valid()), 404, 'not-found');
    expectProblem(await call(app, b.primary.auth, 'DELETE', url(t.number)), 404, 'not-found');
    expectProblem(await call(app, b.primary.auth, 'GET', url(999_999_999)), 404, 'not-found');
    expect(await rowOf(t.id)).toBeUndefined();
  });

  it('T-18 posting on a Closed ticket is refused (409, nothing written); erasing there is allowed', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    const before = await rowOf(t.id);
    const res = expectProblem(
      await put(c.primary.auth, t.number, valid({ host: 'other.example.com' })),
      409,
      'conflict',
    );
    expect(res.detail).toMatch(/closed: re-open it/);
    expect(await rowOf(t.id)).toEqual(before);
    const view = (await call(app, c.primary.auth, 'GET', url(t.number))).json();
    expect(view.canPost).toBe(false);
    expect(view.accessInfo.eraseAfter).toBe(new Date(clock.now().getTime() + 14 * 86_400_000).toISOString());
    const del = await call(app, c.secondary.auth, 'DELETE', url(t.number));
    expect(del.statusCode).toBe(204);
    const after = await rowOf(t.id);
    expect(after).toMatchObject({ sealed: null, iv: null, auth_tag: null, key_id: null, erase_reason: 'customer' });
    expect((await call(app, c.primary.auth, 'GET', url(t.number))).json()).toMatchObject({
      accessInfo: null,
      erased: { by: c.secondary.name, reason: 'customer' },
    });
    // Erasing again is a no-op: still 204, no second audit entry.
    expect((await call(app, c.primary.auth, 'DELETE', url(t.number))).statusCode).toBe(204);
    expect((await auditOf(t.id)).filter((a) => a.action === 'access-info.erased')).toHaveLength(1);
  });

  it('T-18 with DATABASE_URL and no key the feature is off: a clear 422, and the view says so', async () => {
    const off = await setupApp({ accessInfo: { key: undefined, previousKeys: [], retentionDays: 14 } });
    const c = await buildCompany(off.ctx);
    const res = await call(off.app, c.primary.auth, 'POST', '/api/v1/tickets', {
      type: 'generic',
      title: 'T',
      message: 'M',
    });
    const n = res.json().number as number;
    const { id } = await ctx.db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', String(n))
      .executeTakeFirstOrThrow();
    const problem = expectProblem(await call(off.app, c.primary.auth, 'PUT', url(n), valid()), 422, 'unprocessable');
    expect(problem.detail).toContain('CLIENTELE_ACCESS_INFO_KEY');
    expect((await call(off.app, c.primary.auth, 'GET', url(n))).json()).toMatchObject({
      enabled: false,
      canPost: false,
    });
    expect(await rowOf(id)).toBeUndefined();
  });
});

describe('access info: staff (T-18)', () => {
  it('T-18 only staff working the ticket reveal it (assignee, department head); others, admins too, get 403 with the hint', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    const password = `Reveal-${uniq()}`;
    await put(c.primary.auth, t.number, valid({ password, notes: 'Use sudo.' }));
    // Before anyone works it: every ticket role sees that it exists, and may not reveal.
    for (const who of [agent, admin, head]) {
      const view = await call(app, who.auth, 'GET', staffUrl(t.number));
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({
        enabled: true,
        held: { protocol: 'ssh', postedBy: c.primary.name },
        mayReveal: false,
      });
      expect(view.body).not.toContain('shop.example.com');
      const refused = expectProblem(await reveal(who.auth, t.number), 403, 'forbidden');
      expect(refused.detail).toMatch(/assign the ticket to yourself/);
    }
    expect((await auditOf(t.id)).filter((a) => a.action === 'access-info.viewed')).toEqual([]);
    // Content staff do not work tickets at all.
    expectProblem(await reveal((await buildStaff(ctx, 'content')).auth, t.number), 403);
    await assign(t.number, agent);
    const shown = await reveal(agent.auth, t.number);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.json()).toMatchObject({
      protocol: 'ssh',
      host: 'shop.example.com',
      port: 22,
      username: 'deploy',
      password,
      notes: 'Use sudo.',
    });
    expectProblem(await reveal(admin.auth, t.number), 403, 'forbidden');
    // The head of the ticket's department works it too.
    const dept = await ctx.db
      .selectFrom('departments')
      .select('head_staff_id')
      .where('key', '=', 'support')
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('departments').set({ head_staff_id: head.id }).where('key', '=', 'support').execute();
    try {
      expect((await call(app, head.auth, 'GET', staffUrl(t.number))).json().mayReveal).toBe(true);
      expect((await reveal(head.auth, t.number)).statusCode).toBe(200);
    } finally {
      await ctx.db
        .updateTable('departments')
        .set({ head_staff_id: dept.head_staff_id })
        .where('key', '=', 'support')
        .execute();
    }
    // Every view is in the audit log: who, when, which ticket; never the secret.
    const views = (await auditOf(t.id)).filter((a) => a.action === 'access-info.viewed');
    expect(views.map((v) => [v.actor_id, v.entity, v.at.toISOString()])).toEqual([
      [agent.id, 'ticket', clock.now().toISOString()],
      [head.id, 'ticket', clock.now().toISOString()],
    ]);
    expect(JSON.stringify(views)).not.toContain(password);
  });

  it('T-18 a reveal where none is held is 404; a ticket that does not exist is 404', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await assign(t.number, agent);
    expectProblem(await reveal(agent.auth, t.number), 404, 'not-found');
    expectProblem(await reveal(agent.auth, 999_999_998), 404, 'not-found');
    expect((await call(app, agent.auth, 'GET', staffUrl(t.number))).json()).toMatchObject({
      held: null,
      mayReveal: true,
    });
  });

  it('T-18 a flipped ciphertext byte, or a record moved to another ticket, is a clear 409, never a 500', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    const u = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    await put(c.primary.auth, u.number, valid({ host: 'other.example.com' }));
    await assign(t.number, agent);
    await assign(u.number, agent);
    // Moved: t's sealed record onto u's row (same key, same company) does not open there.
    const original = (await rowOf(t.id))!;
    await ctx.db
      .updateTable('ticket_access_info')
      .set({ iv: original.iv, sealed: original.sealed, auth_tag: original.auth_tag })
      .where('ticket_id', '=', u.id)
      .execute();
    expect(expectProblem(await reveal(agent.auth, u.number), 409, 'conflict').detail).toMatch(/integrity check/);
    // Flipped: one byte of t's ciphertext.
    const flipped = Buffer.from(original.sealed!);
    flipped[0] = (flipped[0] ?? 0) ^ 0x01;
    await ctx.db.updateTable('ticket_access_info').set({ sealed: flipped }).where('ticket_id', '=', t.id).execute();
    expectProblem(await reveal(agent.auth, t.number), 409, 'conflict');
    expect((await auditOf(t.id)).filter((a) => a.action === 'access-info.viewed')).toEqual([]);
    // The customer is told, and can erase and post again.
    expect((await call(app, c.primary.auth, 'GET', url(t.number))).json()).toMatchObject({
      unreadable: true,
      accessInfo: null,
    });
    expect((await call(app, c.primary.auth, 'DELETE', url(t.number))).statusCode).toBe(204);
    expect((await put(c.primary.auth, t.number, valid())).statusCode).toBe(200);
    expect((await reveal(agent.auth, t.number)).statusCode).toBe(200);
  });
});

describe('access info appears nowhere else (T-18)', () => {
  it('T-18 the marker password is in no mail, message, event, audit entry, search, ticket detail, timeline, idempotency answer or raw row', async () => {
    const c = await buildCompany(ctx);
    const marker = `mk${uniq()}${uniq()}`;
    const t = await openTicket(c, 'Shop is down');
    const res = await put(
      c.primary.auth,
      t.number,
      valid({ host: `${marker}.example.com`, username: marker, password: marker, privateKey: marker, notes: marker }),
    );
    expect(res.statusCode).toBe(200);
    // The customer's own summary shows the host (they typed it): the password, key and notes never.
    await put(c.primary.auth, t.number, valid({ password: marker, privateKey: marker, notes: `x ${marker}` }));
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Access info is in the tab.',
    });
    await assign(t.number, agent);
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages`, { body: 'Looking now.' });
    expect((await reveal(agent.auth, t.number)).json().password).toBe(marker);
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${t.number}`, { status: 'closed' });
    const has = (x: unknown) => JSON.stringify(x).includes(marker);

    const outbox = await ctx.db.selectFrom('mail_outbox').selectAll().execute();
    expect(outbox.filter(has)).toEqual([]);
    expect(
      (await ctx.db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', t.id).execute()).filter(has),
    ).toEqual([]);
    expect(
      (await ctx.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', t.id).execute()).filter(has),
    ).toEqual([]);
    expect((await ctx.db.selectFrom('audit_log').selectAll().execute()).filter(has)).toEqual([]);
    expect((await ctx.db.selectFrom('idempotency_keys').selectAll().execute()).filter(has)).toEqual([]);
    const customerSearch = await call(app, c.primary.auth, 'GET', `/api/v1/tickets?q=${marker}`);
    expect(customerSearch.json().items).toEqual([]);
    const staffSearch = await call(app, agent.auth, 'GET', `/api/v1/staff/tickets?q=${marker}`);
    expect(staffSearch.json().items).toEqual([]);
    for (const [who, path] of [
      [c.primary.auth, `/api/v1/tickets/${t.number}`],
      [agent.auth, `/api/v1/staff/tickets/${t.number}`],
      [agent.auth, staffUrl(t.number)],
    ] as const) {
      const r = await call(app, who, 'GET', path);
      expect(r.statusCode).toBe(200);
      expect(r.body, path).not.toContain(marker);
    }
    const summary = await call(app, c.primary.auth, 'GET', url(t.number));
    expect(summary.body).not.toContain(marker);
    // The raw row: sealed bytes, not the text.
    const raw = await sql<{
      row: string;
    }>`SELECT t::text AS row FROM ticket_access_info t WHERE ticket_id = ${t.id}`.execute(ctx.db);
    expect(raw.rows[0]?.row).toBeTruthy();
    expect(raw.rows[0]?.row).not.toContain(marker);
    expect(raw.rows[0]?.row).not.toContain(Buffer.from(marker).toString('hex'));
    const row = (await rowOf(t.id))!;
    expect(row.sealed!.includes(Buffer.from(marker))).toBe(false);
  });
});

describe('access info is never logged (T-18)', () => {
  it('T-18 at log level trace, posting, a refused post, a reveal and a failed reveal log no secret', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const traced = await buildApp({ ...ctx, log });
    try {
      const c = await buildCompany(ctx);
      const t = await openTicket(c);
      await assign(t.number, agent);
      const marker = `log${uniq()}${uniq()}`;
      const as = (auth: Auth, method: 'PUT' | 'POST', path: string, body?: unknown) =>
        call(traced, auth, method, path, body);
      expect(
        (await as(c.primary.auth, 'PUT', url(t.number), valid({ password: marker, notes: marker }))).statusCode,
      ).toBe(200);
      expect((await as(c.primary.auth, 'PUT', url(t.number), valid({ port: 0, password: marker }))).statusCode).toBe(
        400,
      );
      expect((await as(agent.auth, 'POST', `${staffUrl(t.number)}/reveal`)).statusCode).toBe(200);
      await ctx.db
        .updateTable('ticket_access_info')
        .set({ auth_tag: Buffer.alloc(16) })
        .where('ticket_id', '=', t.id)
        .execute();
      expect((await as(agent.auth, 'POST', `${staffUrl(t.number)}/reveal`)).statusCode).toBe(409);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l) => l.includes(marker))).toEqual([]);
    } finally {
      await traced.close();
    }
  });
});

describe('access info retention (T-18)', () => {
  const day = 86_400_000;
  const closeTicket = (c: TestCompany, n: number) =>
    call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { status: 'closed' });

  it('T-18 erased by the job 14 days after the ticket closed, exactly once: kept at 13 days', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    await closeTicket(c, t.number);
    const closedAt = clock.now();
    expect((await rowOf(t.id))?.ticket_closed_at?.toISOString()).toBe(closedAt.toISOString());
    clock.set(new Date(closedAt.getTime() + 13 * day + 23 * 3_600_000));
    await eraseExpiredAccessInfo(ctx);
    expect((await rowOf(t.id))?.sealed).not.toBeNull();
    clock.set(new Date(closedAt.getTime() + 14 * day));
    await eraseExpiredAccessInfo(ctx);
    expect(await rowOf(t.id)).toMatchObject({
      sealed: null,
      iv: null,
      erase_reason: 'retention',
      erased_by_label: 'Clientele',
    });
    await eraseExpiredAccessInfo(ctx);
    await again(c);
    const erasures = (await auditOf(t.id)).filter((a) => a.action === 'access-info.erased');
    expect(erasures).toHaveLength(1);
    expect(erasures[0]).toMatchObject({ actor_kind: 'system', company_id: c.id });
    expect((await call(app, c.primary.auth, 'GET', url(t.number))).json()).toMatchObject({
      accessInfo: null,
      erased: { reason: 'retention', at: clock.now().toISOString() },
    });
  });

  it('T-18 a re-opened ticket keeps its access info; closing again starts the count again', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    await closeTicket(c, t.number);
    clock.advance({ days: 10 });
    await again(c);
    const reopened = await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'reopened' });
    expect(reopened.statusCode).toBe(200);
    expect((await rowOf(t.id))?.ticket_closed_at).toBeNull();
    clock.advance({ days: 10 });
    await eraseExpiredAccessInfo(ctx);
    expect((await rowOf(t.id))?.sealed).not.toBeNull();
    await again(c);
    expect((await closeTicket(c, t.number)).statusCode).toBe(200);
    clock.advance({ days: 13 });
    await eraseExpiredAccessInfo(ctx);
    expect((await rowOf(t.id))?.sealed).not.toBeNull();
    clock.advance({ days: 1 });
    await eraseExpiredAccessInfo(ctx);
    expect((await rowOf(t.id))?.sealed).toBeNull();
  });

  it('T-18 a ticket closed by the T-9 close job starts the count as one closed by a person', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${t.number}`, { status: 'pre_closed' });
    clock.advance({ days: ctx.config.ticketDays.close, minutes: 1 });
    await closePreClosedTickets(ctx);
    expect((await rowOf(t.id))?.ticket_closed_at?.toISOString()).toBe(clock.now().toISOString());
  });

  it('T-18 the retention days are configurable', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    await closeTicket(c, t.number);
    clock.advance({ days: 3 });
    await eraseExpiredAccessInfo({
      ...ctx,
      config: { ...ctx.config, accessInfo: { ...ctx.config.accessInfo, retentionDays: 3 } },
    });
    expect((await rowOf(t.id))?.sealed).toBeNull();
  });

  it('T-18 the job finds due rows by its index, not by reading tickets', async () => {
    const plan = await sql<{ plan: string }>`EXPLAIN SELECT ticket_id FROM ticket_access_info
      WHERE sealed IS NOT NULL AND ticket_closed_at IS NOT NULL AND ticket_closed_at <= now() ORDER BY ticket_closed_at LIMIT 100`.execute(
      ctx.db,
    );
    const text = plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
    expect(text).not.toMatch(/\btickets\b/);
    await sql`SET enable_seqscan = off`.execute(ctx.db).catch(() => {});
    const forced = await sql`EXPLAIN SELECT ticket_id FROM ticket_access_info
      WHERE sealed IS NOT NULL AND ticket_closed_at IS NOT NULL AND ticket_closed_at <= now() ORDER BY ticket_closed_at LIMIT 100`.execute(
      ctx.db,
    );
    await sql`RESET enable_seqscan`.execute(ctx.db).catch(() => {});
    expect(JSON.stringify(forced.rows)).toContain('ticket_access_info_erase_idx');
  });
});

describe('access info keys (T-18)', () => {
  const emptyKeys = { accessInfo: { key: undefined, previousKeys: [], retentionDays: 14 } };

  it('T-18 CLIENTELE_ACCESS_INFO_KEY takes 32 bytes as base64 or hex and refuses anything else naming the variable', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ CLIENTELE_ACCESS_INFO_KEY: hex }).accessInfo.key).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ CLIENTELE_ACCESS_INFO_KEY: b64 }).accessInfo.key).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({}).accessInfo).toEqual({ key: undefined, previousKeys: [], retentionDays: 14 });
    for (const bad of ['short', 'ab'.repeat(31), Buffer.alloc(16).toString('base64')]) {
      expect(() => loadConfig({ CLIENTELE_ACCESS_INFO_KEY: bad })).toThrow(
        /CLIENTELE_ACCESS_INFO_KEY: must be 32 random bytes/,
      );
    }
    expect(() => loadConfig({ CLIENTELE_ACCESS_INFO_RETENTION_DAYS: '0' })).toThrow(ConfigError);
    expect(loadConfig({ CLIENTELE_ACCESS_INFO_PREVIOUS_KEYS: `${hex}, ${b64}` }).accessInfo.previousKeys).toHaveLength(
      2,
    );
  });

  it('T-18 start-up refuses a missing key only when access info is stored, naming the variable', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid());
    // In a transaction rolled back at the end, so that rows of other tests (or runs) do not count.
    const eraseHeld = (trx: Parameters<Parameters<typeof inTransaction>[1]>[0], except?: string) => {
      let q = trx
        .updateTable('ticket_access_info')
        .set({ protocol: null, key_id: null, iv: null, sealed: null, auth_tag: null })
        .set({ erased_at: new Date(), erase_reason: 'customer' })
        .where('sealed', 'is not', null);
      if (except) q = q.where('ticket_id', '<>', except);
      return q.execute();
    };
    const done = new Error('rolled back');
    await expect(
      inTransaction(ctx.db, async (trx) => {
        await eraseHeld(trx, t.id);
        await expect(checkAccessInfoKeys(trx, emptyKeys)).rejects.toThrow(
          /CLIENTELE_ACCESS_INFO_KEY: is not set, but 1 stored access info record\(s\) are sealed/,
        );
        await expect(checkAccessInfoKeys(trx, ctx.config)).resolves.toBeUndefined();
        // Another key: the row's key must be among the previous ones.
        const other = { accessInfo: { key: Buffer.alloc(32, 9), previousKeys: [], retentionDays: 14 } };
        await expect(checkAccessInfoKeys(trx, other)).rejects.toThrow(/CLIENTELE_ACCESS_INFO_PREVIOUS_KEYS: 1 stored/);
        const rotated = {
          accessInfo: { key: Buffer.alloc(32, 9), previousKeys: [ctx.config.accessInfo.key!], retentionDays: 14 },
        };
        await expect(checkAccessInfoKeys(trx, rotated)).resolves.toBeUndefined();
        // Nothing stored (erased rows do not count): no key is needed, the feature is just off.
        await eraseHeld(trx);
        await expect(checkAccessInfoKeys(trx, emptyKeys)).resolves.toBeUndefined();
        throw done;
      }),
    ).rejects.toBe(done);
  });

  it('T-18 a rotated key: old records still open with the previous key, new ones are sealed with the new key', async () => {
    const c = await buildCompany(ctx);
    const t = await openTicket(c);
    await put(c.primary.auth, t.number, valid({ password: 'before-rotation' }));
    await assign(t.number, agent);
    const rotated = await setupApp({
      accessInfo: { key: Buffer.alloc(32, 5), previousKeys: [ctx.config.accessInfo.key!], retentionDays: 14 },
    });
    expect((await call(rotated.app, agent.auth, 'POST', `${staffUrl(t.number)}/reveal`)).json().password).toBe(
      'before-rotation',
    );
    const oldId = (await rowOf(t.id))?.key_id;
    await call(rotated.app, c.primary.auth, 'PUT', url(t.number), valid({ password: 'after-rotation' }));
    expect((await rowOf(t.id))?.key_id).not.toBe(oldId);
    // The old server (old key only) cannot open the new record: a clear 409.
    expectProblem(await reveal(agent.auth, t.number), 409, 'conflict');
  });

  it('T-18 the embedded database gets a key generated once into the data folder; with DATABASE_URL none is made', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-key-'));
    try {
      const base = { ...ctx.config, dataDir: dir, databaseUrl: undefined, ...emptyKeys };
      const first = withEmbeddedAccessInfoKey(base);
      expect(first.accessInfo.key).toHaveLength(32);
      expect(fs.statSync(generatedKeyFile(dir)).mode & 0o777).toBe(0o600);
      expect(withEmbeddedAccessInfoKey(base).accessInfo.key).toEqual(first.accessInfo.key);
      const pg = withEmbeddedAccessInfoKey({ ...base, dataDir: path.join(dir, 'pg'), databaseUrl: 'postgres://x/y' });
      expect(pg.accessInfo.key).toBeUndefined();
      expect(fs.existsSync(path.join(dir, 'pg'))).toBe(false);
      fs.writeFileSync(generatedKeyFile(dir), 'broken');
      expect(() => withEmbeddedAccessInfoKey(base)).toThrow(/access-info.key: is not a 32-byte base64 key/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
