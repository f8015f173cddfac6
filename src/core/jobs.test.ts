import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { testConfig, testDatabase, testStorage } from '../../test/db.js';
import { jobDefinitions } from '../jobs.js';
import { uniq } from '../../test/factories.js';
import { TestClock } from './clock.js';
import { noJobs, startJobs } from './jobs.js';
import type { MailTransport } from './mail/deliver.js';
import { queueMail } from './mail/outbox.js';

describe('jobs on pg-boss', () => {
  it('E-1/E-3 pg-boss runs on the app’s own pool and a kicked mail-deliver job delivers the outbox', async () => {
    const { db, pool } = await testDatabase();
    const clock = new TestClock(new Date());
    const to = `jobs-${uniq()}@example.com`;
    const delivered: string[] = [];
    const transport: MailTransport = {
      name: 'test',
      send: async (m) => {
        if (m.to_address === to) delivered.push(m.subject);
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
      // pg-boss polls every 2 s: wait for the effect (bounded), not for a fixed time.
      const deadline = Date.now() + 20_000;
      while (delivered.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await jobs.stop();
    }
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(delivered).toEqual(['Queued by a test']);
    const row = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', transport: 'test', attempts: 1 });
  });
});
