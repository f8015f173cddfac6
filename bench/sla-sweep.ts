/**
 * SLA sweeps benchmark (S-6, issue 12 item 6): seeds tickets with their SLA clocks (70 % stopped,
 * 20 % waiting on the customer, 10 % with a running due in the next days), then times the idle
 * warning and breach sweeps (nothing due: the common case, every minute on every server) and prints
 * their plans. Prints figures only.
 *   DATABASE_URL=postgres://…/bench npx tsx bench/sla-sweep.ts     (BENCH_TICKETS=1000000 default on PostgreSQL)
 *   npx tsx bench/sla-sweep.ts                                      (PGlite, 100,000 by default)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import { TestClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import type { AppContext } from '../src/core/context.js';
import { openDatabase } from '../src/core/db/index.js';
import { migrate } from '../src/core/db/migrate.js';
import { noJobs } from '../src/core/jobs.js';
import { LocalDiskStorage } from '../src/core/storage/index.js';
import { recordSlaBreaches, warnBeforeSlaBreach } from '../src/modules/service-levels/jobs.js';

const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', CLIENTELE_JOBS: 'false' }), rateLimit: false };
const tickets = Number(process.env.BENCH_TICKETS ?? (config.databaseUrl ? 1_000_000 : 100_000));
const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
const handle = await openDatabase(config, { inMemory: true });
const { db } = handle;
await migrate(db);
const now = new Date('2026-12-01T10:00:00Z');
const run = `s${Date.now().toString(36)}`;

console.log(`database: ${handle.mode}; seeding ${tickets.toLocaleString()} tickets with SLA clocks …`);
const t0 = performance.now();
const company = await db
  .insertInto('companies')
  .values({ name: `${run} company`, created_at: now, updated_at: now })
  .returning('id')
  .executeTakeFirstOrThrow();
for (let start = 0; start < tickets; start += 50_000) {
  const n = Math.min(50_000, tickets - start);
  await sql`
    WITH t AS (
      INSERT INTO tickets (company_id, type_key, department_key, title, status, priority, effective, last_message_at, last_activity_at, created_at, updated_at)
      SELECT ${company.id}::uuid, 'generic', 'support', 'Question ' || g,
        CASE WHEN g % 10 < 7 THEN 'closed' ELSE 'in_progress' END, 'normal', 2,
        ${now}::timestamptz - interval '1 day', ${now}::timestamptz - interval '1 day', ${now}::timestamptz - interval '1 day', ${now}
      FROM generate_series(${start}::int, ${start + n - 1}::int) g
      RETURNING id, company_id, created_at, status, number
    )
    INSERT INTO ticket_sla (ticket_id, company_id, department_key, plan, priority, hotrush, created_at, awaiting, wait_started_at,
      target_minutes, stopped, due_at, warn_at, warned, breached, updated_at)
    SELECT id, company_id, 'support', 'credit', 'normal', false, created_at,
      CASE WHEN number % 10 = 9 THEN 'next' END, CASE WHEN number % 10 = 9 THEN created_at END, 960,
      status = 'closed',
      CASE WHEN number % 10 = 9 THEN ${now}::timestamptz + (1 + number % 5000) * interval '1 minute' END,
      CASE WHEN number % 10 = 9 THEN ${now}::timestamptz + (61 + number % 5000) * interval '1 minute' - interval '60 minutes' + interval '1 minute' END,
      false, false, ${now}
    FROM t`.execute(db);
}
await sql`ANALYZE ticket_sla`.execute(db);
await sql`ANALYZE tickets`.execute(db);
console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const clock = new TestClock(now);
const ctx: AppContext = {
  config,
  db,
  clock,
  jobs: noJobs,
  log: pino({ level: 'silent' }),
  storage: new LocalDiskStorage(config.storageDir),
  mailDomain: 'bench.example',
};
const pct = (xs: number[], p: number) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
for (const [name, sweep] of [
  ['breach sweep (idle)', recordSlaBreaches],
  ['warning sweep (idle)', warnBeforeSlaBreach],
] as const) {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    const done = await sweep(ctx);
    times.push(performance.now() - s);
    if (done !== 0) throw new Error(`${name}: expected an idle sweep, it changed ${done}`);
  }
  console.log(
    `${name}: p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms over ${iterations} runs`,
  );
}
for (const [name, q] of [
  [
    'breach',
    sql`EXPLAIN (ANALYZE, BUFFERS) SELECT ticket_id FROM ticket_sla WHERE due_at IS NOT NULL AND NOT breached AND due_at < ${now} ORDER BY due_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
  ],
  [
    'warning',
    sql`EXPLAIN (ANALYZE, BUFFERS) SELECT ticket_id FROM ticket_sla WHERE warn_at IS NOT NULL AND NOT warned AND NOT breached AND warn_at <= ${now} ORDER BY warn_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
  ],
] as const) {
  const plan = await q.execute(db);
  console.log(`${name} sweep plan:\n${plan.rows.map((r) => `  ${Object.values(r as object)[0]}`).join('\n')}`);
}
await handle.close();
