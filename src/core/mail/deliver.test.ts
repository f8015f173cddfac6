import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { uniq } from '../../../test/factories.js';
import { TestClock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { OutboxMail } from '../db/schema.js';
import { deliverDueMail, type MailTransport, maxMailAttempts, retryBackoffMinutes } from './deliver.js';
import { queueMail } from './outbox.js';

/** A transport that records this test's mail (by address) and fails while `down` is true. */
function recorder(addresses: Set<string>) {
  const sent: OutboxMail[] = [];
  const state = { down: false };
  const transport: MailTransport = {
    name: 'test',
    send: async (m) => {
      if (!addresses.has(m.to_address)) return; // other tests' mail: not ours to judge
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      sent.push(m);
    },
    close: () => {},
  };
  return { sent, state, transport };
}

/** Runs delivery until nothing is due: the shared outbox may hold other tests' mail ahead of ours. */
async function drain(db: Db, transport: MailTransport, clock: TestClock) {
  for (let i = 0; i < 200; i++) {
    const r = await deliverDueMail(db, transport, clock, 'from@example.com');
    if (r.sent + r.retried + r.failed === 0) return;
  }
}

describe('mail delivery from the outbox (E-1)', () => {
  it('E-1 delivers queued mail with its Message-ID and marks it sent', async () => {
    const { db } = await testDatabase();
    const clock = new TestClock(new Date());
    const to = `d-${uniq()}@example.com`;
    const r = recorder(new Set([to]));
    const id = await queueMail(db, { to, subject: 'Hi', text: 'Body', kind: 'test', headers: { 'X-Test': '1' } }, clock.now(), 'clientele.test');
    await drain(db, r.transport, clock);
    expect(r.sent.map((m) => [m.message_id, m.headers])).toEqual([[id, { 'X-Test': '1' }]]);
    expect(id).toMatch(/@clientele\.test$/);
    const row = await db.selectFrom('mail_outbox').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, transport: 'test' });
  });

  it('E-1 nothing is lost while the mail server is down: retries with backoff by the clock, then delivers', async () => {
    const { db } = await testDatabase();
    const clock = new TestClock(new Date());
    const to = `r-${uniq()}@example.com`;
    const r = recorder(new Set([to]));
    const id = await queueMail(db, { to, subject: 'Retry me', text: 'Body', kind: 'test' }, clock.now());
    r.state.down = true;
    await drain(db, r.transport, clock);
    let row = await db.selectFrom('mail_outbox').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('ECONNREFUSED') });
    expect(row.next_attempt_at.getTime() - clock.now().getTime()).toBe(retryBackoffMinutes[0]! * 60_000);
    r.state.down = false;
    clock.advance({ seconds: 30 });
    await drain(db, r.transport, clock);
    expect(r.sent).toHaveLength(0); // not due yet
    clock.advance({ seconds: 31 });
    await drain(db, r.transport, clock);
    expect(r.sent).toHaveLength(1);
    row = await db.selectFrom('mail_outbox').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('E-1 gives up after the last attempt and marks the mail failed', async () => {
    const { db } = await testDatabase();
    const clock = new TestClock(new Date());
    const to = `f-${uniq()}@example.com`;
    const r = recorder(new Set([to]));
    r.state.down = true;
    const id = await queueMail(db, { to, subject: 'Doomed', text: 'Body', kind: 'test' }, clock.now());
    for (let i = 0; i < maxMailAttempts; i++) {
      await drain(db, r.transport, clock);
      clock.advance({ hours: 13 });
    }
    const row = await db.selectFrom('mail_outbox').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: maxMailAttempts });
    await drain(db, r.transport, clock);
    expect((await db.selectFrom('mail_outbox').select('attempts').where('message_id', '=', id).executeTakeFirstOrThrow()).attempts).toBe(maxMailAttempts);
  });

  it('E-3 two deliveries running at once never send one mail twice', async () => {
    const { db } = await testDatabase();
    const clock = new TestClock(new Date());
    const addresses = new Set(Array.from({ length: 30 }, () => `c-${uniq()}@example.com`));
    const r = recorder(addresses);
    for (const to of addresses) await queueMail(db, { to, subject: 'Once', text: 'Body', kind: 'test' }, clock.now());
    await Promise.all([
      deliverDueMail(db, r.transport, clock, 'from@example.com', 7),
      deliverDueMail(db, r.transport, clock, 'from@example.com', 7),
      deliverDueMail(db, r.transport, clock, 'from@example.com', 7),
    ]);
    await drain(db, r.transport, clock);
    const counts = new Map<string, number>();
    for (const m of r.sent) counts.set(m.to_address, (counts.get(m.to_address) ?? 0) + 1);
    expect(counts.size).toBe(addresses.size);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('E-1 a mail claimed by a process that died is sent after its claim expires', async () => {
    const { db } = await testDatabase();
    const clock = new TestClock(new Date());
    const to = `z-${uniq()}@example.com`;
    const r = recorder(new Set([to]));
    const id = await queueMail(db, { to, subject: 'Orphan', text: 'Body', kind: 'test' }, clock.now());
    await db.updateTable('mail_outbox').set({ status: 'sending', locked_until: new Date(clock.now().getTime() + 10 * 60_000) }).where('message_id', '=', id).execute();
    await drain(db, r.transport, clock);
    expect(r.sent).toHaveLength(0);
    clock.advance({ minutes: 11 });
    await drain(db, r.transport, clock);
    expect(r.sent.map((m) => m.message_id)).toEqual([id]);
  });
});
