import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { testConfig, testDatabase, testStorage } from '../../test/db.js';
import { jobDefinitions } from '../jobs.js';
import { uniq } from '../../test/factories.js';
import { TestClock } from './clock.js';
import { noJobs, startJobs } from './jobs.js';
import type { MailTransport } from './mail/transport.js';
import { queueMail } from './mail/outbox.js';

// The worker's database, opened and migrated once for all its files, outside the test's time.
const { db, pool } = await testDatabase();

/** Waits for `event`, failing with `what` after `ms` (a bound for a broken run, not a pause). */
async function within<T>(event: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([event, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('jobs on pg-boss', () => {
  it('E-1/E-3 pg-boss runs on the app’s own pool and a kicked mail-deliver job delivers the outbox', async () => {
    const clock = new TestClock(new Date());
    const to = `jobs-${uniq()}@example.com`;
    const delivered: string[] = [];
    let deliveredOne = () => {};
    const firstDelivery = new Promise<void>((resolve) => (deliveredOne = resolve));
    const transport: MailTransport = {
      name: 'test',
      send: async (m) => {
        if (m.to_address !== to) return;
        delivered.push(m.subject);
        deliveredOne();
      },
      close: () => {},
    };
    await queueMail(db, { to, subject: 'Queued by a test', text: 'Hello', kind: 'test' }, clock.now());
    // The app's real job definitions, with this test's transport and clock.
    const ctx = {
      config: testConfig(),
      db,
      clock,
      log: pino({ level: 'silent' }),
      mailDomain: 'clientele.test',
      jobs: noJobs,
      storage: testStorage(),
    };
    const definitions = jobDefinitions(ctx, transport).map((d) => ({
      ...d,
      handler: async () => {
        runs++;
        await d.handler();
      },
    }));
    let runs = 0;
    const jobs = await startJobs(pool, definitions, pino({ level: 'silent' }));
    try {
      await jobs.kick('mail-deliver');
      // pg-boss polls every 2 s: wait for the delivery itself. Idle, it comes within 3 s.
      await within(firstDelivery, 60_000, 'the kicked mail-deliver job delivered nothing');
    } finally {
      await jobs.stop();
    }
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(delivered).toEqual(['Queued by a test']);
    const row = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', transport: 'test', attempts: 1 });
  }, 90_000); // starting pg-boss (its schema on first start), one delivery, and stopping it
});
