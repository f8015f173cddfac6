import { describe, expect, it } from 'vitest';
import { uniq } from '../../test/factories.js';
import { setupApp } from '../../test/helpers.js';
import { TestClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import type { OutboxMail } from './db/schema.js';
import { deliverDueMail, maxMailAttempts, retryBackoffMinutes } from './mail/deliver.js';
import type { MailTransport } from './mail/transport.js';
import { queueMail } from './mail/outbox.js';
import { checkPasswordRule, hashPassword, verifyPassword } from './password.js';

const { ctx, clock } = await setupApp();

const jane = { email: 'jane.doe@example.com', name: 'Jane Doe' };
const problems = (password: string, min = 8, person = jane) =>
  checkPasswordRule(password, person, min).map((e) => e.message);
const configProblems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
};

describe('A-7 password rule', () => {
  it('A-7 at least 8 characters by default, counted as characters, not bytes', () => {
    expect(loadConfig({}).passwordMinLength).toBe(8);
    expect(problems('Abc-123')).toEqual(['Use at least 8 characters.']);
    expect(problems('Abc-1234')).toEqual([]);
    expect(problems('ééééééé')).toEqual(['Use at least 8 characters.']); // 7 characters, 14 bytes
    expect(problems('🙂🙂🙂🙂🙂🙂🙂')).toEqual(['Use at least 8 characters.']); // 7 characters, 14 UTF-16 units
    expect(problems('🙂🙂🙂🙂🙂🙂🙂🙂')).toEqual([]);
    expect(checkPasswordRule('short', jane, 8)).toEqual([{ field: 'password', message: 'Use at least 8 characters.' }]);
    expect(checkPasswordRule('short', jane, 8, 'newPassword')[0]?.field).toBe('newPassword');
  });

  it('A-7 the minimum is configurable but never below 6: loadConfig refuses 5 naming the variable', () => {
    expect(loadConfig({ CLIENTELE_PASSWORD_MIN_LENGTH: '6' }).passwordMinLength).toBe(6);
    expect(loadConfig({ CLIENTELE_PASSWORD_MIN_LENGTH: '12' }).passwordMinLength).toBe(12);
    expect(() => loadConfig({ CLIENTELE_PASSWORD_MIN_LENGTH: '5' })).toThrow(ConfigError);
    for (const bad of ['5', '0', '-8', 'eight']) {
      const list = configProblems({ CLIENTELE_PASSWORD_MIN_LENGTH: bad });
      expect(list).toHaveLength(1);
      expect(list[0]).toMatch(/^CLIENTELE_PASSWORD_MIN_LENGTH: /);
    }
    expect(problems('sixsix', 6)).toEqual([]);
    expect(problems('sixsix', 12)).toEqual(['Use at least 12 characters.']);
  });

  it('A-7 refuses a password equal to or containing the e-mail’s local part, in any case', () => {
    const message = 'The password must not contain your e-mail name.';
    expect(problems('jane.doe')).toContain(message);
    expect(problems('xx JANE.DOE xx')).toContain(message);
    expect(problems('1234jane.doe!')).toContain(message);
    expect(problems('jane-doe is ok?', 8, { email: 'jd@example.com', name: 'Someone Else' })).toEqual([]); // a local part under 3 characters is not checked
  });

  it('A-7 refuses a password containing the person’s name or a word of it', () => {
    const message = 'The password must not contain your name.';
    expect(problems('iamjanedoe!!')).toContain(message);
    expect(problems('hello DOE world')).toContain(message);
    expect(problems('Jane rocks 2026')).toContain(message);
    expect(problems('Correct horse 42', 8, { email: 'x@example.com', name: 'Al Bo' })).toEqual([]);
  });

  it('A-7 refuses common passwords, whatever their case', () => {
    const message = 'This password is too common; choose another.';
    for (const pw of ['password', 'Password123', 'QWERTYUIOP', '12345678']) expect(problems(pw)).toContain(message);
    expect(problems('purple elephant mountain')).toEqual([]);
  });

  it('A-7 allows any characters: spaces, unicode, emoji, symbols', () => {
    for (const pw of [
      'très sûr mot',
      '        ',
      'пароль-надёжный',
      '密码很安全很长的',
      '🙂 🙃 🙂 🙃 🙂',
      'tab\tand\nnewline',
      '\'"<>&;--%00',
    ]) {
      expect([pw, problems(pw)]).toEqual([pw, []]);
    }
  });

  it('A-7 passwords are stored as argon2id hashes; verifyPassword checks them and is false without a hash', async () => {
    const hash = await hashPassword('Correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(hash).not.toContain('Correct horse battery');
    expect(await hashPassword('Correct horse battery')).not.toBe(hash); // salted
    expect(await verifyPassword(hash, 'Correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
    expect(await verifyPassword(null, 'Correct horse battery')).toBe(false);
    expect(await verifyPassword(undefined, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
    const unicode = await hashPassword('пароль 🙂 sûr');
    expect(await verifyPassword(unicode, 'пароль 🙂 sûr')).toBe(true);
  });
});

describe('configuration', () => {
  it('loadConfig names each bad variable', () => {
    expect(configProblems({ PORT: 'abc' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(configProblems({ DATABASE_URL: 'mysql://x' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: must start with postgres/),
    ]);
    expect(configProblems({ SMTP_URL: 'http://x' })).toEqual([
      expect.stringMatching(/^SMTP_URL: must start with smtp/),
    ]);
    const all = configProblems({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://x' });
    expect(all.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'SMTP_URL']);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://x' });
    } catch (err) {
      for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL']) expect((err as Error).message).toContain(name);
    }
  });

  it('accepts good values and applies the defaults', () => {
    const c = loadConfig({
      PORT: '4000',
      DATABASE_URL: 'postgresql://u@db:5432/x',
      SMTP_URL: 'smtps://mail.example:465',
    });
    expect(c).toMatchObject({
      port: 4000,
      databaseUrl: 'postgresql://u@db:5432/x',
      smtpUrl: 'smtps://mail.example:465',
      passwordMinLength: 8,
      lockoutAttempts: 5,
      sessionDays: 14,
    });
    expect(loadConfig({ PORT: '' }).port).toBe(3000); // an empty variable counts as unset
  });

  it('derives cookie security from the public URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://help.example.com/' })).toMatchObject({
      publicUrl: 'https://help.example.com',
      cookieSecure: true,
    });
    expect(loadConfig({ PORT: '4000' })).toMatchObject({ publicUrl: 'http://localhost:4000', cookieSecure: false });
  });
});

describe('TestClock', () => {
  it('stands still until moved; advance adds days, hours, minutes and seconds; set jumps', () => {
    const c = new TestClock('2026-03-02T09:00:00Z');
    expect(c.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(c.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    c.advance({ seconds: 30 });
    expect(c.now().toISOString()).toBe('2026-03-02T09:00:30.000Z');
    c.advance({ days: 1, hours: 2, minutes: 3, seconds: 4 });
    expect(c.now().toISOString()).toBe('2026-03-03T11:03:34.000Z');
    c.advance({ days: 30 }); // across a month end
    expect(c.now().toISOString()).toBe('2026-04-02T11:03:34.000Z');
    c.set('2030-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    const d = c.now();
    d.setFullYear(1999); // the returned Date is a copy
    expect(c.now().getUTCFullYear()).toBe(2030);
  });
});

describe('E-1 mail delivery from the outbox', () => {
  // The database is shared with the other test files of this worker, whose mail is queued at their
  // clocks' times (2026 or later). Our clock stands in 2001, so that only this file's mail is due
  // here and no other file's row is touched; assertions are on our own rows (by message_id).
  clock.set('2001-02-03T04:05:06Z');
  const from = 'Clientele <helpdesk@clientele.test>';

  /** A transport that records this file's mail only (by address) and refuses it while `down`. */
  function recorder(addresses: Iterable<string>) {
    const mine = new Set(addresses);
    const sent: OutboxMail[] = [];
    const attempts: string[] = [];
    const froms = new Set<string>();
    const state = { down: false };
    const transport: MailTransport = {
      name: 'test',
      send: async (m, fromAddress) => {
        if (!mine.has(m.to_address)) return;
        attempts.push(m.message_id);
        froms.add(fromAddress);
        await new Promise((r) => setImmediate(r)); // let concurrent deliveries interleave
        // A refusal of this mail (the relay answers): retried with backoff. A relay that does not
        // answer at all spends no attempt (src/core/mail/deliverer.test.ts).
        if (state.down)
          throw Object.assign(new Error('450 4.2.2 Mailbox full'), { code: 'EENVELOPE', responseCode: 450 });
        sent.push(m);
      },
      close: () => {},
    };
    return { sent, attempts, froms, state, transport };
  }
  const row = (messageId: string) =>
    ctx.db.selectFrom('mail_outbox').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
  const queue = (to: string, subject = 'Hello') =>
    queueMail(
      ctx.db,
      { to, subject, text: `Body of ${subject}`, kind: 'test', headers: { 'X-Test': to } },
      clock.now(),
      'clientele.test',
    );

  it('E-1 a queued mail is sent by the transport and marked sent', async () => {
    const to = `sent-${uniq()}@example.com`;
    const r = recorder([to]);
    const id = await queue(to, 'Welcome');
    expect(id).toMatch(/@clientele\.test$/);
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      to_address: to,
      next_attempt_at: clock.now(),
    });
    clock.advance({ seconds: 5 });
    const result = await deliverDueMail(ctx.db, r.transport, clock, from);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(r.sent.map((m) => [m.message_id, m.to_address, m.subject, m.text_body, m.headers])).toEqual([
      [id, to, 'Welcome', 'Body of Welcome', { 'X-Test': to }],
    ]);
    expect([...r.froms]).toEqual([from]);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      transport: 'test',
      sent_at: clock.now(),
      last_error: null,
      locked_until: null,
    });
    // Sent mail is never sent again.
    clock.advance({ days: 1 });
    await deliverDueMail(ctx.db, r.transport, clock, from);
    expect(r.attempts).toEqual([id]);
  });

  it('E-1 a failing transport schedules a retry 1 minute later by the clock, not before; then it is sent', async () => {
    const to = `retry-${uniq()}@example.com`;
    const r = recorder([to]);
    const id = await queue(to, 'Retry me');
    r.state.down = true;
    const failedAt = clock.now();
    const result = await deliverDueMail(ctx.db, r.transport, clock, from);
    expect(result.retried).toBeGreaterThanOrEqual(1);
    const after = await row(id);
    expect(after).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('Mailbox full'),
      sent_at: null,
    });
    expect(after.next_attempt_at.getTime()).toBe(failedAt.getTime() + 60_000);
    expect(retryBackoffMinutes[0]).toBe(1);

    r.state.down = false;
    clock.advance({ seconds: 59 });
    await deliverDueMail(ctx.db, r.transport, clock, from);
    expect(r.attempts).toEqual([id]); // not retried before its time
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });

    clock.advance({ seconds: 1 });
    await deliverDueMail(ctx.db, r.transport, clock, from);
    expect(r.attempts).toEqual([id, id]);
    expect(r.sent.map((m) => m.message_id)).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null, sent_at: clock.now() });
  });

  it('E-1 retries back off (1, 5, 15, 60, 180, 360, 720 min); after maxMailAttempts failures the mail is failed', async () => {
    expect(maxMailAttempts).toBe(retryBackoffMinutes.length + 1);
    const to = `doomed-${uniq()}@example.com`;
    const r = recorder([to]);
    r.state.down = true;
    const id = await queue(to, 'Doomed');
    for (let attempt = 1; attempt < maxMailAttempts; attempt++) {
      const now = clock.now().getTime();
      await deliverDueMail(ctx.db, r.transport, clock, from);
      const current = await row(id);
      expect(current).toMatchObject({ status: 'pending', attempts: attempt });
      const wait = retryBackoffMinutes[attempt - 1]!;
      expect(current.next_attempt_at.getTime() - now).toBe(wait * 60_000);
      // One second early: nothing happens.
      clock.advance({ minutes: wait, seconds: -1 });
      await deliverDueMail(ctx.db, r.transport, clock, from);
      expect((await row(id)).attempts).toBe(attempt);
      clock.advance({ seconds: 1 });
    }
    await deliverDueMail(ctx.db, r.transport, clock, from);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: maxMailAttempts, sent_at: null });
    expect(r.attempts).toHaveLength(maxMailAttempts);
    // A failed mail is never tried again.
    r.state.down = false;
    clock.advance({ days: 30 });
    await deliverDueMail(ctx.db, r.transport, clock, from);
    expect(r.attempts).toHaveLength(maxMailAttempts);
    expect((await row(id)).status).toBe('failed');
  });

  it('E-1/E-3 two deliveries running at once never send one mail twice', async () => {
    const addresses = Array.from({ length: 24 }, (_, i) => `conc-${i}-${uniq()}@example.com`);
    const r = recorder(addresses);
    const ids = new Set<string>();
    for (const to of addresses) ids.add(await queue(to, 'Once'));
    await Promise.all([
      deliverDueMail(ctx.db, r.transport, clock, from, 5),
      deliverDueMail(ctx.db, r.transport, clock, from, 5),
    ]);
    await Promise.all([
      deliverDueMail(ctx.db, r.transport, clock, from, 7),
      deliverDueMail(ctx.db, r.transport, clock, from, 7),
    ]);
    for (let i = 0; i < 10 && r.sent.length < ids.size; i++) {
      await Promise.all([
        deliverDueMail(ctx.db, r.transport, clock, from),
        deliverDueMail(ctx.db, r.transport, clock, from),
      ]);
    }
    const sentIds = r.sent.map((m) => m.message_id);
    expect(sentIds).toHaveLength(ids.size);
    expect(new Set(sentIds)).toEqual(ids);
    const rows = await ctx.db
      .selectFrom('mail_outbox')
      .select(['status', 'attempts'])
      .where('message_id', 'in', [...ids])
      .execute();
    expect(rows).toHaveLength(ids.size);
    expect(rows.every((x) => x.status === 'sent' && x.attempts === 1)).toBe(true);
  });
});
