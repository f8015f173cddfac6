/**
 * Tickets benchmark (T-11, T-14, T-16): seeds tickets with two messages each, then measures through
 * the HTTP stack the staff queue (first and next page), a customer's communication index, a
 * full-text search, the customer home page (issue 11), and the intake of new tickets with concurrent callers. Prints figures only.
 *   DATABASE_URL=postgres://…/bench npx tsx bench/tickets.ts          (BENCH_TICKETS=1000000 default on PostgreSQL)
 *   npx tsx bench/tickets.ts                                           (PGlite, 100,000 by default)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { openDatabase } from '../src/core/db/index.js';
import { migrate } from '../src/core/db/migrate.js';
import { noJobs } from '../src/core/jobs.js';
import { hashPassword } from '../src/core/password.js';
import { LocalDiskStorage } from '../src/core/storage/index.js';
import { createSession } from '../src/modules/auth/sessions.js';
import { rebuildTicketCounters } from '../src/modules/tickets/queue-views.js';

const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', CLIENTELE_JOBS: 'false' }), rateLimit: false };
const tickets = Number(process.env.BENCH_TICKETS ?? (config.databaseUrl ? 1_000_000 : 100_000));
const companies = Math.max(10, Math.floor(tickets / 50));
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const handle = await openDatabase(config, { inMemory: true });
const { db } = handle;
await migrate(db);
const run = `t${Date.now().toString(36)}`;
const now = new Date();

console.log(
  `database: ${handle.mode}; seeding ${tickets.toLocaleString()} tickets (2 messages each) for ${companies.toLocaleString()} companies …`,
);
const t0 = performance.now();
const hash = await hashPassword('Bench password 1');
await sql`
  WITH c AS (
    INSERT INTO companies (name, created_at, updated_at)
    SELECT ${run}::text || ' company ' || g, ${now}, ${now} FROM generate_series(1, ${companies}::int) g RETURNING id, name
  )
  INSERT INTO profiles (company_id, role, email, name, password_hash, created_at, updated_at)
  SELECT id, 'primary', replace(name, ' ', '-') || '@bench.example', 'Bench Primary', ${hash}, ${now}, ${now} FROM c`.execute(
  db,
);
const words = [
  'checkout',
  'payment',
  'shipping',
  'invoice',
  'export',
  'theme',
  'upgrade',
  'license',
  'gateway',
  'timeout',
  'tax',
  'coupon',
];
const statuses = [
  'submitted',
  'assigned',
  'in_progress',
  'reopened',
  'closed',
  'closed',
  'closed',
  'closed',
  'pre_closed',
  'closed',
];
const departments = ['support', 'support', 'support', 'sales', 'billing'];
const staff = await db
  .insertInto('staff_users')
  .values({
    email: `agent-${run}@bench.example`,
    name: 'Bench Agent',
    role: 'agent',
    password_hash: hash,
    created_at: now,
    updated_at: now,
  })
  .returning('id')
  .executeTakeFirstOrThrow();

for (let start = 0; start < tickets; start += 50_000) {
  const n = Math.min(50_000, tickets - start);
  await sql`
    WITH co AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM companies WHERE name LIKE ${`${run} company %`}),
    src AS (
      SELECT g, co.id AS company_id FROM generate_series(${start}::int, ${start + n - 1}::int) g JOIN co ON co.rn = 1 + (g % ${companies})
    ),
    t AS (
      INSERT INTO tickets (company_id, author_id, type_key, department_key, title, status, priority, hotrush, effective, due_at, last_message_at, last_activity_at, created_at, updated_at,
        assignee_id, last_public_by, waiting_since, closed_at, pre_closed_at, rating, rated_at)
      SELECT s.company_id, NULL, 'generic', (${sql.raw(`ARRAY['${departments.join("','")}']`)})[1 + (g % 5)],
        'Question about ' || (${sql.raw(`ARRAY['${words.join("','")}']`)})[1 + (g % 12)] || ' ' || g,
        (${sql.raw(`ARRAY['${statuses.join("','")}']`)})[1 + (g % 10)],
        (ARRAY['major','normal','minor'])[1 + (g % 3)], g % 97 = 0, 1 + (g % 300) / 100.0,
        CASE WHEN g % 7 = 0 THEN ${now}::timestamptz + (g % 1000) * interval '1 minute' END,
        ${now}::timestamptz - (g % 100000) * interval '1 minute', ${now}::timestamptz - (g % 100000) * interval '1 minute',
        ${now}::timestamptz - (g % 100000) * interval '1 minute', ${now},
        -- Issue 11: owners, who spoke last, solved and rated tickets, as the Overview and the views read them.
        CASE WHEN g % 11 = 0 THEN ${staff.id}::uuid END,
        CASE WHEN g % 4 = 0 THEN 'staff' ELSE 'customer' END,
        ${now}::timestamptz - (g % 100000) * interval '1 minute',
        CASE WHEN (${sql.raw(`ARRAY['${statuses.join("','")}']`)})[1 + (g % 10)] = 'closed' THEN ${now}::timestamptz - (g % 100000) * interval '1 minute' END,
        CASE WHEN (${sql.raw(`ARRAY['${statuses.join("','")}']`)})[1 + (g % 10)] = 'pre_closed' THEN ${now}::timestamptz - (g % 100000) * interval '1 minute' END,
        CASE WHEN (${sql.raw(`ARRAY['${statuses.join("','")}']`)})[1 + (g % 10)] = 'closed' AND g % 3 = 0 THEN 1 + (g % 5) END,
        CASE WHEN (${sql.raw(`ARRAY['${statuses.join("','")}']`)})[1 + (g % 10)] = 'closed' AND g % 3 = 0 THEN ${now}::timestamptz - (g % 100000) * interval '1 minute' END
      FROM src s RETURNING id, company_id, number
    )
    INSERT INTO ticket_messages (ticket_id, company_id, message_code, author_kind, body, source, created_at)
    SELECT t.id, t.company_id, substr(lpad((t.number * 2 + m)::text, 10, '0'), 1, 5) || '-' || substr(lpad((t.number * 2 + m)::text, 10, '0'), 6, 5), 'system',
      'Hello, our ' || (${sql.raw(`ARRAY['${words.join("','")}']`)})[1 + ((t.number + m) % 12)] || ' page fails with error ' || t.number, 'system', ${now}
    FROM t CROSS JOIN generate_series(1, 2) m`.execute(db);
  process.stdout.write(`  ${(start + n).toLocaleString()}\r`);
}
// The queue counters and hourly stats (issue 11) were kept by the triggers while seeding; rebuilt
// here from the rows as a repair would, and timed.
const tr = performance.now();
await rebuildTicketCounters(db);
console.log(
  `counters rebuilt from ${tickets.toLocaleString()} tickets in ${((performance.now() - tr) / 1000).toFixed(1)} s`,
);
await sql`ANALYZE`.execute(db);
console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const staffSession = await createSession(db, { staffId: staff.id }, { ip: '127.0.0.1', userAgent: 'bench' }, now, 1);
const busiest = await db
  .selectFrom('profiles')
  .select(['id', 'company_id'])
  .where('email', 'like', `%${run}-company-1@bench.example`)
  .executeTakeFirstOrThrow();
const customerSession = await createSession(
  db,
  { profileId: busiest.id },
  { ip: '127.0.0.1', userAgent: 'bench' },
  now,
  1,
);

const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-bench-'));
const app = await buildApp({
  config,
  db,
  clock: systemClock,
  jobs: noJobs,
  log: pino({ level: 'silent' }),
  storage: new LocalDiskStorage(storageDir),
  mailDomain: 'bench.example',
});
await app.ready();
const as = (s: { token: string; csrfToken: string }) => ({
  cookie: `clientele_session=${s.token}`,
  'x-csrf-token': s.csrfToken,
});
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
async function measure(label: string, url: string, headers: Record<string, string>) {
  const xs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url, headers });
    xs.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  console.log(`${label.padEnd(48)} p50 ${pct(xs, 50).toFixed(2)} ms  p95 ${pct(xs, 95).toFixed(2)} ms`);
}

const first = await app.inject({
  method: 'GET',
  url: '/api/v1/staff/tickets/queue?department=support&limit=50',
  headers: as(staffSession),
});
const cursor = first.json().nextCursor as string;
await measure(
  'staff queue, Support, first page of 50',
  '/api/v1/staff/tickets/queue?department=support&limit=50',
  as(staffSession),
);
await measure(
  'staff queue, Support, next page (keyset)',
  `/api/v1/staff/tickets/queue?department=support&limit=50&cursor=${encodeURIComponent(cursor)}`,
  as(staffSession),
);
// Issue 11: the queue with its view counts, every view and sort, and the staff Overview.
await measure(
  'queue, all departments, open, with view counts',
  '/api/v1/staff/tickets/queue?limit=50',
  as(staffSession),
);
for (const view of ['unassigned', 'mine', 'waiting', 'breaching', 'solved'])
  await measure(
    `queue, all departments, view ${view}`,
    `/api/v1/staff/tickets/queue?view=${view}&limit=50`,
    as(staffSession),
  );
for (const sort of ['age', 'activity'])
  await measure(
    `queue, Support, sort ${sort}`,
    `/api/v1/staff/tickets/queue?department=support&sort=${sort}&limit=50`,
    as(staffSession),
  );
await measure(
  'queue, Support, filters priority + status',
  '/api/v1/staff/tickets/queue?department=support&priority=major&status=in_progress&limit=50',
  as(staffSession),
);
await measure(
  'staff Overview (counts, oldest, 30 days, CSAT, held)',
  '/api/v1/staff/overview?tz=Asia/Dubai',
  as(staffSession),
);
await measure('communication index (a company), first page', '/api/v1/tickets?limit=25', as(customerSession));
await measure(
  'communication index, hide closed and rated',
  '/api/v1/tickets?limit=25&hideClosed=true',
  as(customerSession),
);
await measure('full-text search in a company ("gateway")', '/api/v1/tickets?q=gateway&limit=25', as(customerSession));
// Issue 11: the customer home page's numbers and the "awaiting your reply" view of the index.
await measure('customer home (a company): GET /home', '/api/v1/home', as(customerSession));
await measure(
  'communication index, awaiting your reply',
  '/api/v1/tickets?view=awaiting&limit=25',
  as(customerSession),
);
const plan = await sql<{
  'QUERY PLAN': string;
}>`EXPLAIN SELECT id FROM tickets WHERE department_key = 'support' AND status IN ('submitted','assigned','in_progress','reopened') ORDER BY hot_rank, queue_due, queue_effective, created_at, id LIMIT 51`.execute(
  db,
);
console.log(
  `queue plan: ${plan.rows
    .map((r) => r['QUERY PLAN'].trim())
    .slice(0, 2)
    .join(' | ')}`,
);

// Intake: new tickets through the API (validation, effective priority, message, event, mail), concurrent callers.
const intake = Number(process.env.BENCH_INTAKE ?? 3000);
// Each caller is a different customer (a company of its own), as when many customers write at once.
const callers = await db
  .selectFrom('profiles')
  .select('id')
  .where('email', 'like', `${run}-company-%@bench.example`)
  .orderBy('email')
  .limit(concurrency)
  .execute();
const callerSessions = await Promise.all(
  callers.map((p) => createSession(db, { profileId: p.id }, { ip: '127.0.0.1', userAgent: 'bench' }, now, 1)),
);
let next = 0;
const t1 = performance.now();
await Promise.all(
  callerSessions.map(async (session) => {
    while (next < intake) {
      next++;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { ...as(session), 'content-type': 'application/json' },
        payload: JSON.stringify({
          type: 'generic',
          title: `Bench intake ${next}`,
          message: 'Our checkout page fails.',
        }),
      });
      if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  }),
);
const secs = (performance.now() - t1) / 1000;
console.log(
  `${`intake: POST /tickets, ${callerSessions.length} customers at once`.padEnd(48)} ${Math.round(intake / secs)} tickets/s (${intake} in ${secs.toFixed(1)} s; osTicket: 59/s)`,
);

await app.close();
await handle.close();
fs.rmSync(storageDir, { recursive: true, force: true });
