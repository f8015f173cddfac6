import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { uniq } from '../../../test/factories.js';
import { TestClock } from '../clock.js';
import type { Db } from '../db/index.js';
import { disabledProfileAddresses } from '../../modules/accounts/index.js';
import type { OutboxMail } from '../db/schema.js';
import { deliverDueMail } from './deliver.js';
import { type MailTransport, smtpTransport } from './transport.js';
import { queueMail } from './outbox.js';

// The worker's database, opened and migrated once for all its files, outside the tests' time.
const { db } = await testDatabase();

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
    const r = await deliverDueMail(db, transport, clock, 'from@example.com', 50, disabledProfileAddresses);
    if (r.sent + r.retried + r.failed === 0) return;
  }
}

// Retries, backoff, giving up and concurrent delivery are proven in src/core/core.test.ts.
describe('mail delivery from the outbox (E-1)', () => {
  it('E-1 hands the mail to the transport with its Message-ID and headers', async () => {
    const clock = new TestClock(new Date());
    const to = `d-${uniq()}@example.com`;
    const r = recorder(new Set([to]));
    const id = await queueMail(
      db,
      { to, subject: 'Hi', text: 'Body', kind: 'test', headers: { 'X-Test': '1' } },
      clock.now(),
      'clientele.test',
    );
    await drain(db, r.transport, clock);
    expect(r.sent.map((m) => [m.message_id, m.headers])).toEqual([[id, { 'X-Test': '1' }]]);
    expect(id).toMatch(/@clientele\.test$/);
    const row = await db.selectFrom('mail_outbox').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, transport: 'test' });
  });

  it('E-1 a mail claimed by a process that died is sent after its claim expires', async () => {
    const clock = new TestClock(new Date());
    const to = `z-${uniq()}@example.com`;
    const r = recorder(new Set([to]));
    const id = await queueMail(db, { to, subject: 'Orphan', text: 'Body', kind: 'test' }, clock.now());
    await db
      .updateTable('mail_outbox')
      .set({ status: 'sending', locked_until: new Date(clock.now().getTime() + 10 * 60_000) })
      .where('message_id', '=', id)
      .execute();
    await drain(db, r.transport, clock);
    expect(r.sent).toHaveLength(0);
    clock.advance({ minutes: 11 });
    await drain(db, r.transport, clock);
    expect(r.sent.map((m) => m.message_id)).toEqual([id]);
  });

  it('A-4 mail to a profile that was disabled after it was queued is not sent', async () => {
    const clock = new TestClock(new Date());
    const to = `off-${uniq()}@example.com`;
    const r = recorder(new Set([to]));
    const now = clock.now();
    const company = await db
      .insertInto('companies')
      .values({ name: 'Mail Co', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('profiles')
      .values({
        company_id: company.id,
        role: 'primary',
        email: to.toUpperCase(),
        name: 'Off Line',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const id = await queueMail(db, { to, subject: 'Invitation', text: 'Body', kind: 'test' }, now);
    await db.updateTable('profiles').set({ status: 'disabled' }).where('company_id', '=', company.id).execute();
    await drain(db, r.transport, clock);
    expect(r.sent).toHaveLength(0);
    const row = await db.selectFrom('mail_outbox').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', last_error: expect.stringContaining('disabled') });
  });
});

describe('mail delivery when the SMTP server hangs (E-1)', () => {
  it('E-1 a server that accepts connections and never greets fails the sends at the greeting timeout, several at once; the relay is down, so no mail spends an attempt', async () => {
    // An old clock: only the mail queued here is due, not other tests' mail in the shared outbox.
    const clock = new TestClock('2001-01-01T00:00:00Z');
    let open = 0;
    let most = 0;
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      open++;
      most = Math.max(most, open);
      socket.on('close', () => {
        open--;
        sockets.delete(socket);
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, {
      maxConnections: 3,
      connectionTimeoutMs: 5_000,
      greetingTimeoutMs: 300,
      socketTimeoutMs: 5_000,
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        ids.push(
          await queueMail(db, { to: `hang-${uniq()}@example.com`, subject: 'S', text: 'T', kind: 'test' }, clock.now()),
        );
      }
      const queuedAt = clock.now().getTime();
      const r = await deliverDueMail(db, transport, clock, 'from@example.com', 50);
      expect(r).toMatchObject({ claimed: 6, sent: 0, retried: 0, failed: 0, relayDown: true });
      expect(r.deferred).toBeGreaterThanOrEqual(3);
      const rows = await db.selectFrom('mail_outbox').selectAll().where('message_id', 'in', ids).execute();
      expect(rows).toHaveLength(6);
      for (const row of rows) {
        // Every mail waits in the outbox with its attempts untouched, none left claimed.
        expect(row).toMatchObject({ status: 'pending', attempts: 0, locked_until: null });
        if (row.relay_deferred) {
          expect(row.last_error).toMatch(/relay did not answer.*(greeting|timeout)/i);
          expect(row.next_attempt_at.getTime()).toBe(queuedAt + 60_000);
        } else {
          // Claimed but never tried once the relay was known down: released as it was.
          expect(row).toMatchObject({ last_error: null });
          expect(row.next_attempt_at.getTime()).toBe(queuedAt);
        }
      }
      expect(rows.filter((x) => x.relay_deferred)).toHaveLength(r.deferred);
      // Sent in parallel over the pool, never more connections than it allows (plus the one probe
      // that found the relay down).
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(3 + 1);
    } finally {
      transport.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
