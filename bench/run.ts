/**
 * Foundation benchmark: the cost of every authenticated request (session lookup), the profiles list
 * and the staff companies list at a realistic size. Prints figures; asserts nothing.
 *   npm run bench                      (embedded PGlite, in memory)
 *   DATABASE_URL=postgres://… npm run bench
 *   BENCH_COMPANIES=50000 npm run bench
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

const companies = Number(process.env.BENCH_COMPANIES ?? 20_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 500);
const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', CLIENTELE_JOBS: 'false' }), rateLimit: false };
const handle = await openDatabase(config, { inMemory: true });
const { db } = handle;
await migrate(db);
const run = `b${Date.now().toString(36)}`;

console.log(`database: ${handle.mode}; seeding ${companies} companies × 3 profiles and sessions …`);
const t0 = performance.now();
const hash = await hashPassword('Bench password 1');
const now = new Date();
for (let start = 0; start < companies; start += 2000) {
  const n = Math.min(2000, companies - start);
  await sql`
    WITH c AS (
      INSERT INTO companies (name, created_at, updated_at)
      SELECT ${run}::text || ' company ' || g, ${now}, ${now} FROM generate_series(${start}::int, ${start + n - 1}::int) g
      RETURNING id, name
    ), p AS (
      INSERT INTO profiles (company_id, role, email, name, password_hash, created_at, updated_at)
      SELECT c.id, r.role, r.role || '-' || replace(c.name, ' ', '-') || '@bench.example', 'Bench ' || r.role, ${hash}, ${now}, ${now}
      FROM c CROSS JOIN (VALUES ('primary'), ('advanced'), ('secondary')) AS r(role)
      RETURNING id
    )
    INSERT INTO sessions (id, profile_id, csrf_token, created_at, last_seen_at, expires_at)
    SELECT md5(p.id::text || random()::text) || md5(random()::text), p.id, 'x', ${now}, ${now}, ${new Date(now.getTime() + 86400_000)}
    FROM p`.execute(db);
}
await sql`ANALYZE`.execute(db);
console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const probe = await db
  .selectFrom('profiles')
  .select(['id', 'company_id'])
  .where('email', 'like', `primary-${run}-company-${Math.floor(companies / 2)}@%`)
  .executeTakeFirstOrThrow();
const session = await createSession(db, { profileId: probe.id }, { ip: '127.0.0.1', userAgent: 'bench' }, now, 1);
const staff = await db
  .insertInto('staff_users')
  .values({
    email: `admin-${run}@bench.example`,
    name: 'Bench Admin',
    role: 'admin',
    password_hash: hash,
    created_at: now,
    updated_at: now,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const staffSession = await createSession(db, { staffId: staff.id }, { ip: '127.0.0.1', userAgent: 'bench' }, now, 1);

const storage = new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-bench-')));
const app = await buildApp({
  config,
  db,
  clock: systemClock,
  jobs: noJobs,
  log: pino({ level: 'silent' }),
  storage,
  mailDomain: 'bench.local',
});
await app.ready();

async function measure(label: string, url: string, cookie: string) {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie: `clientele_session=${cookie}` } });
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body}`);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
  const total = times.reduce((a, b) => a + b, 0);
  console.log(
    `${label.padEnd(44)} p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  p99 ${q(0.99)} ms  ${(iterations / (total / 1000)).toFixed(0)} req/s (one client)`,
  );
}

console.log(`\n${iterations} sequential requests each, through the full HTTP stack (inject):`);
await measure('GET /api/v1/me (session lookup)', '/api/v1/me', session.token);
await measure('GET /api/v1/profiles (company list)', '/api/v1/profiles', session.token);
await measure('GET /api/v1/staff/companies?limit=50', '/api/v1/staff/companies?limit=50', staffSession.token);
await measure(
  `GET /api/v1/staff/companies?q=${run} company 1999`,
  `/api/v1/staff/companies?q=${encodeURIComponent(`${run} company 1999`)}`,
  staffSession.token,
);
await measure('GET /api/v1/staff/audit?limit=50', '/api/v1/staff/audit?limit=50', staffSession.token);

await app.close();
await handle.close();
