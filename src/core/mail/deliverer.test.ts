import net from 'node:net';
import { Writable } from 'node:stream';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { uniq } from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { TestClock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { Database, OutboxMail } from '../db/schema.js';
import { deliverDueMail } from './deliver.js';
import { createMailDeliverer, type MailDeliverer, type MailDelivererOptions } from './deliverer.js';
import { queueMail, queueMails } from './outbox.js';
import { type MailTransport, smtpTransport } from './transport.js';

// The worker's database, opened and migrated once for all its files, outside the tests' time.
const { db, pool } = await testDatabase();
const silent = pino({ level: 'silent' });
const from = 'Clientele <helpdesk@clientele.test>';
const limits = { maxConnections: 3, connectionTimeoutMs: 2_000, greetingTimeoutMs: 2_000, socketTimeoutMs: 5_000 };

/** Waits until `cond` holds, polling every few ms; fails with `what` after `ms` (a bound, not a pause). */
async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
/** A short real wait, for what must not happen: the loops below look again every 5 ms. */
const settle = () => new Promise((r) => setTimeout(r, 150));

/** Runs `body` with a started deliverer (quick idle polls), and always stops it. */
async function withDeliverer<T>(
  o: Partial<MailDelivererOptions> & Pick<MailDelivererOptions, 'transport' | 'clock'>,
  body: (d: MailDeliverer) => Promise<T>,
): Promise<T> {
  const d = createMailDeliverer({ db, from, log: silent, idleMs: 5, errorBackoffMs: 5, ...o });
  d.start();
  try {
    return await body(d);
  } finally {
    await d.stop();
  }
}

/** `n` mails of this test, queued at the clock's time. */
async function queueMine(
  clock: TestClock,
  n: number,
  prefix = 'loop',
  to = (i: number) => `${prefix}-${i}-${uniq()}@example.com`,
) {
  const mails = Array.from({ length: n }, (_, i) => ({
    to: to(i),
    subject: `Mail ${i}`,
    text: 'Body',
    kind: 'test',
    messageId: `${prefix}-${i}-${uniq()}@clientele.test`,
  }));
  await queueMails(db, mails, clock.now());
  return mails.map((m) => m.messageId);
}
const rowsOf = (ids: string[], on: Db = db) =>
  on.selectFrom('mail_outbox').selectAll().where('message_id', 'in', ids).execute();

/** A transport that counts this test's mail by Message-ID; other tests' mail passes unrecorded. */
function counter(ids: Iterable<string>) {
  const mine = new Set(ids);
  const sent = new Map<string, number>();
  const transport: MailTransport = {
    name: 'test',
    parallel: 4,
    send: async (m: OutboxMail) => {
      await new Promise((r) => setImmediate(r)); // let racing deliverers interleave
      if (mine.has(m.message_id)) sent.set(m.message_id, (sent.get(m.message_id) ?? 0) + 1);
    },
    close: () => {},
  };
  return { sent, transport, mine };
}

describe('the outbox delivery loop (E-1, issue 19)', () => {
  it('E-1 delivers continuously over pooled SMTP connections: each mail reaches the relay once, mail queued later goes out without a job', async () => {
    const sink = await startSmtpSink();
    const transport = smtpTransport(`smtp://127.0.0.1:${sink.port}`, limits);
    const clock = new TestClock('2002-01-01T00:00:00Z');
    try {
      const first = await queueMine(clock, 120, 'smtp');
      await withDeliverer({ transport, clock, batch: 50 }, async () => {
        await until(() => first.every((id) => sink.received.has(id)), 'the first mails reached the relay');
        // Idle now; mail queued afterwards is found by the next poll.
        const later = await queueMine(clock, 10, 'later');
        await until(() => later.every((id) => sink.received.has(id)), 'the later mails reached the relay');
        for (const id of [...first, ...later]) expect(sink.received.get(id)).toBe(1);
        // Recorded a moment after the relay took them (sent mail is recorded in groups).
        const all = [...first, ...later];
        await until(async () => (await rowsOf(all)).every((r) => r.status === 'sent'), 'the mails were recorded sent');
        const rows = await rowsOf(all);
        expect(rows.every((r) => r.attempts === 1 && r.transport === 'smtp')).toBe(true);
      });
      // Several in flight, never more connections than the pool allows.
      expect(sink.mostConnections).toBeGreaterThan(1);
      expect(sink.mostConnections).toBeLessThanOrEqual(limits.maxConnections);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);

  it('E-1 a recipient the relay refuses (550) is retried with backoff; the others are sent and the relay is not taken as down', async () => {
    const sink = await startSmtpSink({ refuse: (a) => a.startsWith('refused-') });
    const transport = smtpTransport(`smtp://127.0.0.1:${sink.port}`, limits);
    const clock = new TestClock('2002-02-01T00:00:00Z');
    try {
      const refused = await queueMine(clock, 1, 'refused', () => `refused-${uniq()}@example.com`);
      const fine = await queueMine(clock, 5, 'fine');
      await withDeliverer({ transport, clock }, async (d) => {
        await until(() => fine.every((id) => sink.received.has(id)), 'the other mails reached the relay');
        await until(async () => (await rowsOf(refused))[0]?.status === 'pending', 'the refused mail was retried');
        expect(d.relayDown).toBe(false);
      });
      const [row] = await rowsOf(refused);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, relay_deferred: false });
      expect(row?.last_error).toMatch(/550/);
      expect(row?.next_attempt_at.getTime()).toBe(clock.now().getTime() + 60_000);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);

  it('E-1 two deliverers racing on one database send each mail exactly once', async () => {
    const clock = new TestClock('2002-03-01T00:00:00Z');
    const ids = await queueMine(clock, 300, 'race');
    const c = counter(ids);
    await withDeliverer({ transport: c.transport, clock, batch: 7 }, () =>
      withDeliverer({ transport: c.transport, clock, batch: 5 }, () =>
        until(() => c.sent.size === ids.length, 'every mail was sent'),
      ),
    );
    expect([...c.sent.values()].every((n) => n === 1)).toBe(true);
    expect((await rowsOf(ids)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  }, 60_000);

  it.runIf(!!process.env.DATABASE_URL)(
    'E-1 two servers (each its own connection pool) racing on one PostgreSQL database send each mail exactly once',
    async () => {
      const other = new Kysely<Database>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: pool.options.connectionString, max: 4 }),
        }),
      });
      try {
        const clock = new TestClock('2002-04-01T00:00:00Z');
        const ids = await queueMine(clock, 400, 'servers');
        const c = counter(ids);
        await withDeliverer({ transport: c.transport, clock, batch: 20 }, () =>
          withDeliverer({ db: other, transport: c.transport, clock, batch: 20 }, () =>
            until(() => c.sent.size === ids.length, 'every mail was sent'),
          ),
        );
        expect([...c.sent.values()].every((n) => n === 1)).toBe(true);
        expect((await rowsOf(ids, other)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      } finally {
        await other.destroy();
      }
    },
    60_000,
  );

  it('E-1 a claim whose process died is taken over once its one-minute lease lapses, not ten minutes later', async () => {
    const clock = new TestClock('2002-05-01T00:00:00Z');
    const ids = await queueMine(clock, 1, 'orphan');
    await db
      .updateTable('mail_outbox')
      .set({ status: 'sending', locked_until: new Date(clock.now().getTime() + 60_000) })
      .where('message_id', 'in', ids)
      .execute();
    const c = counter(ids);
    await withDeliverer({ transport: c.transport, clock }, async () => {
      clock.advance({ seconds: 59 });
      await settle();
      expect(c.sent.size).toBe(0);
      clock.advance({ seconds: 2 });
      await until(() => c.sent.size === 1, 'the orphaned mail was sent');
    });
    // The takeover counts as an attempt (a mail that kills its sender is failed in the end).
    expect(await rowsOf(ids)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('E-1 a slow send keeps renewing its lease: another deliverer does not take the mail mid-send', async () => {
    const clock = new TestClock('2002-06-01T00:00:00Z');
    const ids = await queueMine(clock, 1, 'slow');
    const id = ids[0] as string;
    let started = false;
    let finish = () => {};
    const hold = new Promise<void>((r) => (finish = r));
    let sentBySlow = 0;
    const slow: MailTransport = {
      name: 'slow',
      send: async (m) => {
        if (m.message_id !== id) return;
        started = true;
        await hold;
        sentBySlow++;
      },
      close: () => {},
    };
    const other = counter(ids);
    const leaseOf = async () => (await rowsOf(ids))[0]?.locked_until?.getTime() ?? 0;
    await withDeliverer({ transport: slow, clock, renewEveryMs: 10 }, async () => {
      await until(() => started, 'the slow send started');
      const claimedUntil = await leaseOf();
      expect(claimedUntil).toBe(clock.now().getTime() + 60_000);
      clock.advance({ seconds: 50 });
      await until(async () => (await leaseOf()) > claimedUntil, 'the lease was renewed');
      clock.advance({ seconds: 30 }); // past the first lease, within the renewed one
      for (let i = 0; i < 3; i++) await deliverDueMail(db, other.transport, clock, from);
      expect(other.sent.size).toBe(0);
      expect((await rowsOf(ids))[0]?.status).toBe('sending');
      finish();
      await until(async () => (await rowsOf(ids))[0]?.status === 'sent', 'the slow mail was recorded sent');
    });
    expect(sentBySlow).toBe(1);
  });

  it('E-1 when the relay is down for everyone no mail spends an attempt; it is probed once a minute by the clock, and when it answers all waiting mail goes out at once', async () => {
    const clock = new TestClock('2002-07-01T00:00:00Z');
    const state = { down: true, probes: 0 };
    const sent = new Map<string, number>();
    const transport: MailTransport = {
      name: 'relay',
      parallel: 2,
      send: async (m) => {
        if (state.down)
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), {
            code: 'ECONNECTION',
            originalCode: 'ECONNREFUSED',
          });
        sent.set(m.message_id, (sent.get(m.message_id) ?? 0) + 1);
      },
      verify: async () => {
        state.probes++;
        if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
      },
      close: () => {},
    };
    const ids = await queueMine(clock, 5, 'down');
    await withDeliverer({ transport, clock }, async (d) => {
      await until(() => d.relayDown, 'the relay was found down');
      // The other lane's batch, if it holds some of them, gives them back a moment later.
      await until(async () => (await rowsOf(ids)).every((r) => r.status === 'pending'), 'every mail was given back');
      const rows = await rowsOf(ids);
      expect(rows.every((r) => r.attempts === 0)).toBe(true);
      expect(rows.some((r) => r.relay_deferred && /relay did not answer.*ECONNREFUSED/.test(r.last_error ?? ''))).toBe(
        true,
      );
      const probes = state.probes; // the check that told the relay from the mail
      clock.advance({ seconds: 30 });
      await settle();
      expect(state.probes).toBe(probes);
      clock.advance({ seconds: 30 });
      await until(() => state.probes === probes + 1, 'the relay was probed a minute later');
      await settle();
      expect(state.probes).toBe(probes + 1);
      expect(d.relayDown).toBe(true);

      ids.push(...(await queueMine(clock, 1, 'while-down')));
      state.down = false;
      clock.advance({ seconds: 59 });
      await settle();
      expect(sent.size).toBe(0);
      clock.advance({ seconds: 1 });
      await until(() => ids.every((id) => sent.has(id)), 'all waiting mail was sent');
      expect(d.relayDown).toBe(false);
    });
    expect(ids.map((id) => sent.get(id))).toEqual(ids.map(() => 1));
    const rows = await rowsOf(ids);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && !r.relay_deferred)).toBe(true);
  });

  it('E-1 a real relay that refuses connections, then starts: the mail goes out at the next probe', async () => {
    // A port nobody listens on (yet).
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, limits);
    const clock = new TestClock('2002-08-01T00:00:00Z');
    const ids = await queueMine(clock, 3, 'refusing');
    let sink: Awaited<ReturnType<typeof startSmtpSink>> | null = null;
    try {
      await withDeliverer({ transport, clock }, async (d) => {
        await until(() => d.relayDown, 'the relay was found down');
        await until(async () => (await rowsOf(ids)).every((r) => r.status === 'pending'), 'every mail was given back');
        expect((await rowsOf(ids)).every((r) => r.attempts === 0)).toBe(true);
        sink = await startSmtpSink({ port });
        clock.advance({ seconds: 60 });
        const s = sink;
        await until(() => ids.every((id) => s.received.has(id)), 'the mail reached the relay');
        expect(ids.map((id) => s.received.get(id))).toEqual([1, 1, 1]);
      });
    } finally {
      transport.close();
      await (sink as { close(): Promise<void> } | null)?.close();
    }
  }, 60_000);

  it('E-1 a restart tries mail deferred by a relay outage at once, not at its own retry time', async () => {
    const clock = new TestClock('2002-09-01T00:00:00Z');
    const ids = await queueMine(clock, 2, 'restart');
    // Deferred by the process before, which then stopped.
    await db
      .updateTable('mail_outbox')
      .set({ relay_deferred: true, next_attempt_at: new Date(clock.now().getTime() + 45_000) })
      .where('message_id', 'in', ids)
      .execute();
    const c = counter(ids);
    await withDeliverer({ transport: c.transport, clock }, () =>
      until(() => c.sent.size === 2, 'the deferred mail was sent'),
    );
  });

  it('E-1 a rejected query does not end the loop: it is logged, and delivery goes on a moment later', async () => {
    const clock = new TestClock('2002-10-01T00:00:00Z');
    const ids = await queueMine(clock, 3, 'dberror');
    const c = counter(ids);
    const lines: string[] = [];
    const log = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    let failures = 2;
    const undeliverable = async (on: Db) => {
      if (failures-- > 0) await sql`SELECT 1 / 0`.execute(on); // a real rejected query
      return new Set<string>();
    };
    await withDeliverer({ transport: c.transport, clock, log, undeliverable }, () =>
      until(() => c.sent.size === 3, 'the mail was sent after the errors'),
    );
    expect(lines.filter((l) => l.includes('division by zero'))).toHaveLength(2);
    expect((await rowsOf(ids)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('E-1 stopping finishes the send in flight and gives the rest of the batch back at once', async () => {
    const clock = new TestClock('2002-11-01T00:00:00Z');
    const ids = await queueMine(clock, 5, 'stop');
    let started = false;
    let finish = () => {};
    const hold = new Promise<void>((r) => (finish = r));
    const sent: string[] = [];
    const transport: MailTransport = {
      name: 'one-at-a-time',
      send: async (m) => {
        if (!ids.includes(m.message_id)) return;
        started = true;
        await hold;
        sent.push(m.message_id);
      },
      close: () => {},
    };
    const d = createMailDeliverer({ db, from, log: silent, transport, clock, idleMs: 5, lanes: 1 });
    d.start();
    await until(() => started, 'the first send started');
    const stopped = d.stop();
    finish();
    await stopped;
    expect(sent).toHaveLength(1);
    const rows = await rowsOf(ids);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'pending' && r.locked_until === null && r.attempts === 0)).toHaveLength(4);
  });

  it('E-1 a mail queued while idle is sent at once when the deliverer is woken', async () => {
    const clock = new TestClock('2002-12-01T00:00:00Z');
    const id = await queueMail(
      db,
      { to: `wake-${uniq()}@example.com`, subject: 'S', text: 'T', kind: 'test' },
      clock.now(),
    );
    const c = counter([id]);
    // An idle poll far longer than the test: only the wake-up can send it.
    await withDeliverer({ transport: c.transport, clock, idleMs: 600_000 }, async (d) => {
      await until(async () => (await rowsOf([id]))[0]?.status === 'sent' || c.sent.size > 0, 'the first pass');
      const later = await queueMail(
        db,
        { to: `wake-${uniq()}@example.com`, subject: 'S', text: 'T', kind: 'test' },
        clock.now(),
      );
      c.mine.add(later);
      d.wake();
      await until(() => c.sent.has(later), 'the woken deliverer sent the mail');
    });
  });
});
