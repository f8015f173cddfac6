import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { sweepIdempotencyKeys } from '../src/core/idempotency.js';
import { buildCatalogue, buildCompany, buildLicense, buildStaff, type TestCompany, uniq } from './factories.js';
import { multipart } from './files-helpers.js';
import { type Auth, expectProblem, setupApp } from './helpers.js';

const { app, ctx, clock } = await setupApp();

/** A JSON request as `auth`, with an Idempotency-Key when `key` is given. */
function send(auth: Auth, url: string, body: unknown, key?: string, raw?: string): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.cookie) headers.cookie = `clientele_session=${auth.cookie}`;
  if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  if (key !== undefined) headers['idempotency-key'] = key;
  return app.inject({ method: 'POST', url, headers, payload: raw ?? JSON.stringify(body) });
}

const ticketBody = (title: string) => ({ type: 'generic', title, message: 'Hello there' });

async function ticketsTitled(c: TestCompany, title: string) {
  return ctx.db
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('company_id', '=', c.id)
    .where('title', '=', title)
    .execute();
}

async function messagesOf(ticketId: string) {
  return ctx.db.selectFrom('ticket_messages').select(['id', 'body']).where('ticket_id', '=', ticketId).execute();
}

async function mailsAbout(title: string) {
  return ctx.db.selectFrom('mail_outbox').select('id').where('subject', 'like', `%${title}%`).execute();
}

describe('Issue 19: Idempotency-Key makes a create safe to retry', () => {
  it('the same key and body replay the first answer: one ticket, one message, one event, one set of mails', async () => {
    const c = await buildCompany(ctx);
    const key = randomUUID();
    const title = `Retry ${key}`;
    const first = await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const mailsAfterFirst = (await mailsAbout(title)).length;
    // The same fields in another order and other spacing are the same request.
    const again = await send(
      c.primary.auth,
      '/api/v1/tickets',
      null,
      key,
      `{ "message": "Hello there", "title": ${JSON.stringify(title)},   "type": "generic" }`,
    );
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    const rows = await ticketsTitled(c, title);
    expect(rows).toHaveLength(1);
    expect(await messagesOf(rows[0]?.id ?? '')).toHaveLength(1);
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', rows[0]?.id ?? '')
      .execute();
    expect(events).toHaveLength(1);
    expect(await mailsAbout(title)).toHaveLength(mailsAfterFirst);
  });

  it('without a key every request is a new one (the header is optional)', async () => {
    const c = await buildCompany(ctx);
    const title = `No key ${randomUUID()}`;
    expect((await send(c.primary.auth, '/api/v1/tickets', ticketBody(title))).statusCode).toBe(201);
    expect((await send(c.primary.auth, '/api/v1/tickets', ticketBody(title))).statusCode).toBe(201);
    expect(await ticketsTitled(c, title)).toHaveLength(2);
  });

  it('the same key with another body is 422 and nothing is done; so is the key on another route', async () => {
    const c = await buildCompany(ctx);
    const key = randomUUID();
    const title = `First ${key}`;
    const first = await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key);
    expect(first.statusCode).toBe(201);
    const other = await send(c.primary.auth, '/api/v1/tickets', ticketBody(`Second ${key}`), key);
    const p = expectProblem(other, 422, 'idempotency-key-reused');
    expect(p.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await ticketsTitled(c, `Second ${key}`)).toHaveLength(0);
    const n = first.json().number;
    const elsewhere = await send(c.primary.auth, `/api/v1/tickets/${n}/messages`, { body: 'More' }, key);
    expectProblem(elsewhere, 422, 'idempotency-key-reused');
  });

  it('keys are scoped to the caller: another profile with the same key makes its own ticket', async () => {
    const c = await buildCompany(ctx);
    const key = randomUUID();
    const title = `Shared key ${key}`;
    expect((await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key)).statusCode).toBe(201);
    const theirs = await send(c.secondary.auth, '/api/v1/tickets', ticketBody(title), key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await ticketsTitled(c, title)).toHaveLength(2);
  });

  it('an empty key, one over 255 characters, or one with spaces or non-ASCII is refused per field; nothing is written', async () => {
    const c = await buildCompany(ctx);
    const title = `Bad key ${randomUUID()}`;
    for (const key of ['', 'x'.repeat(256), 'has space', 'schlüssel']) {
      const res = await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key);
      const p = expectProblem(res, 400, 'validation-failed');
      expect(p.errors?.map((e) => e.field)).toEqual(['idempotency-key']);
    }
    expect((await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), 'k'.repeat(255))).statusCode).toBe(201);
    expect(await ticketsTitled(c, title)).toHaveLength(1);
  });

  it('an answer that is an error stores nothing: the corrected retry with the same key is carried out', async () => {
    const c = await buildCompany(ctx);
    const key = randomUUID();
    const bad = await send(c.primary.auth, '/api/v1/tickets', { ...ticketBody('x'), type: 'no-such-type' }, key);
    expectProblem(bad, 400, 'validation-failed');
    const title = `Corrected ${key}`;
    const good = await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key);
    expect(good.statusCode).toBe(201);
    expect(await ticketsTitled(c, title)).toHaveLength(1);
  });

  it('a key past its 24 hours is a new request; the sweep removes expired answers', async () => {
    const c = await buildCompany(ctx);
    const key = randomUUID();
    const title = `Expiring ${key}`;
    expect((await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key)).statusCode).toBe(201);
    clock.advance({ hours: 23, minutes: 59 });
    const replay = await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    clock.advance({ minutes: 1 });
    const fresh = await send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key);
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await ticketsTitled(c, title)).toHaveLength(2);
    clock.advance({ hours: 25 });
    expect(await sweepIdempotencyKeys(ctx.db, clock.now())).toBeGreaterThanOrEqual(1);
    const left = await ctx.db
      .selectFrom('idempotency_keys')
      .select('id')
      .where('key', '=', key)
      .where('expires_at', '<=', clock.now())
      .execute();
    expect(left).toHaveLength(0);
  });

  it('customer and staff replies replay too; a replayed upload keeps one copy of its attachment', async () => {
    const c = await buildCompany(ctx);
    const agent = await buildStaff(ctx, 'agent');
    const t = (await send(c.primary.auth, '/api/v1/tickets', ticketBody(`Replies ${randomUUID()}`))).json();
    const ticket = (await ticketsTitled(c, t.title))[0];
    const replyKey = randomUUID();
    const r1 = await send(c.primary.auth, `/api/v1/tickets/${t.number}/messages`, { body: 'Any news?' }, replyKey);
    const r2 = await send(c.primary.auth, `/api/v1/tickets/${t.number}/messages`, { body: 'Any news?' }, replyKey);
    expect(r1.statusCode).toBe(201);
    expect(r2.body).toBe(r1.body);
    const staffKey = randomUUID();
    const url = `/api/v1/staff/tickets/${t.number}/messages`;
    const s1 = await send(agent.auth, url, { body: 'Looking into it' }, staffKey);
    const s2 = await send(agent.auth, url, { body: 'Looking into it' }, staffKey);
    expect(s1.statusCode).toBe(201);
    expect(s2.headers['idempotent-replayed']).toBe('true');
    // With an attachment: each try is a new multipart body (a new boundary), the same content.
    const attachKey = randomUUID();
    const withFile = () => {
      const { body, contentType } = multipart([
        { name: 'body', value: 'The log' },
        { name: 'files', filename: 'log.txt', type: 'text/plain', content: 'line 1\nline 2\n' },
      ]);
      return app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${t.number}/messages`,
        headers: {
          'content-type': contentType,
          cookie: `clientele_session=${c.primary.auth.cookie}`,
          'x-csrf-token': c.primary.auth.csrf ?? '',
          'idempotency-key': attachKey,
        },
        payload: body,
      });
    };
    const u1 = await withFile();
    const u2 = await withFile();
    expect(u1.statusCode).toBe(201);
    expect(u2.headers['idempotent-replayed']).toBe('true');
    const bodies = (await messagesOf(ticket?.id ?? '')).map((m) => m.body).sort();
    expect(bodies).toEqual(['Any news?', 'Hello there', 'Looking into it', 'The log']);
    const attachments = await ctx.db
      .selectFrom('ticket_attachments')
      .select('storage_key')
      .where('ticket_id', '=', ticket?.id ?? '')
      .execute();
    expect(attachments).toHaveLength(1);
  });

  it('two requests with one key at once give one effect, and both get its answer', async () => {
    const c = await buildCompany(ctx);
    const key = randomUUID();
    const title = `Concurrent ${key}`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => send(c.primary.auth, '/api/v1/tickets', ticketBody(title), key)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.json().number)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    expect(await ticketsTitled(c, title)).toHaveLength(1);
  });

  it('every keyed create replays its first answer: licenses, modules, subscriptions, releases, transfers, profiles, staff users, canned replies, moved messages', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const c = await buildCompany(ctx);
    const other = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const l = await buildLicense(ctx, c.id, cat, { url: `https://${uniq()}.example.com` });
    const l2 = await buildLicense(ctx, c.id, cat, { url: `https://${uniq()}.example.com` });
    const t = (await send(c.primary.auth, '/api/v1/tickets', ticketBody(`Move ${uniq()}`))).json();
    const extra = await send(c.primary.auth, `/api/v1/tickets/${t.number}/messages`, { body: 'A new matter' });
    const cases: [Auth, string, unknown][] = [
      [admin.auth, '/api/v1/staff/licenses', { companyId: c.id, productId: cat.productId }],
      [admin.auth, `/api/v1/staff/licenses/${l.key}/modules`, { productId: cat.moduleId }],
      [
        admin.auth,
        `/api/v1/staff/licenses/${l.key}/subscriptions`,
        { name: 'Updates', expiresAt: '2027-03-01T00:00:00Z' },
      ],
      [
        admin.auth,
        `/api/v1/staff/products/${cat.productId}/releases`,
        { version: '4.8.0', branch: '4.8', releasedOn: '2026-03-01' },
      ],
      [c.primary.auth, `/api/v1/licenses/${l2.key}/transfers`, { to: 'existing', email: other.primary.email }],
      [
        c.primary.auth,
        '/api/v1/profiles',
        { email: `new-${uniq()}@example.com`, name: 'New Person', role: 'secondary', password: 'Another-Horse-42' },
      ],
      [
        admin.auth,
        '/api/v1/staff/users',
        { email: `agent-${uniq()}@vendor.test`, name: 'New Agent', role: 'agent', password: 'Another-Horse-42' },
      ],
      [admin.auth, '/api/v1/staff/canned-replies', { title: `Canned ${uniq()}`, body: 'Thanks!' }],
      [
        admin.auth,
        `/api/v1/staff/tickets/${t.number}/messages/${extra.json().messageId}/move`,
        { title: 'The new matter' },
      ],
    ];
    for (const [auth, url, body] of cases) {
      const key = randomUUID();
      const first = await send(auth, url, body, key);
      expect(first.statusCode, `${url}: ${first.body}`).toBeLessThan(300);
      const again = await send(auth, url, body, key);
      expect(again.headers['idempotent-replayed'], url).toBe('true');
      expect(again.statusCode, url).toBe(first.statusCode);
      expect(again.body, url).toBe(first.body);
    }
    const subscriptions = await ctx.db
      .selectFrom('license_subscriptions')
      .select('id')
      .where('license_id', '=', l.id)
      .execute();
    expect(subscriptions).toHaveLength(1);
  });

  it('a password in a create is not part of the stored request hash (a fast hash of it would undo argon2)', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const key = randomUUID();
    const body = {
      email: `agent-${uniq()}@vendor.test`,
      name: 'Keyed Agent',
      role: 'agent',
      password: 'Guessable-Pass-1',
    };
    expect((await send(admin.auth, '/api/v1/staff/users', body, key)).statusCode).toBe(201);
    const row = await ctx.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'body'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row.body).not.toContain('Guessable-Pass-1');
    // The fingerprint leaves the password out: the same person with another password is the same request.
    const retried = await send(admin.auth, '/api/v1/staff/users', { ...body, password: 'Other-Pass-2' }, key);
    expect(retried.headers['idempotent-replayed']).toBe('true');
  });
});
