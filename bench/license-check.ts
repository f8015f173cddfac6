/**
 * L-10 benchmark: the license check the whole installed base calls. Seeds licenses (each with a
 * main product and a module; every fifth with a subscription), then measures the check's one query,
 * and POST /api/v1/licenses/validate through the HTTP stack (sequential latency, and throughput with
 * concurrent callers). Prints figures; asserts nothing.
 *   npx tsx bench/license-check.ts                    (embedded PGlite, in memory)
 *   DATABASE_URL=postgres://… npx tsx bench/license-check.ts
 *   BENCH_LICENSES=1000000 BENCH_CONCURRENCY=32 …
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
import { LocalDiskStorage } from '../src/core/storage/index.js';
import { validateLicense } from '../src/modules/licenses/validate-license.js';

const licenses = Number(process.env.BENCH_LICENSES ?? 200_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const config = {
  ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', CLIENTELE_JOBS: 'false' }),
  rateLimit: false,
  licenseChecksPerKey: 1_000_000,
};
const handle = await openDatabase(config, { inMemory: true });
const { db } = handle;
await migrate(db);
const run = `b${Date.now().toString(36)}`;
const now = new Date();

console.log(`database: ${handle.mode}; seeding ${licenses} licenses …`);
const t0 = performance.now();
const company = await db
  .insertInto('companies')
  .values({ name: `${run} bench`, created_at: now, updated_at: now })
  .returning('id')
  .executeTakeFirstOrThrow();
const brand = await db
  .insertInto('brands')
  .values({ name: `${run} brand`, slug: `${run}-brand`, created_at: now })
  .returning('id')
  .executeTakeFirstOrThrow();
const main = await db
  .insertInto('products')
  .values({ brand_id: brand.id, name: 'Main', slug: `${run}-main`, kind: 'main', created_at: now })
  .returning('id')
  .executeTakeFirstOrThrow();
const mod = await db
  .insertInto('products')
  .values({
    brand_id: brand.id,
    name: 'Module',
    slug: `${run}-module`,
    kind: 'module',
    parent_id: main.id,
    created_at: now,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
for (let start = 0; start < licenses; start += 20_000) {
  const n = Math.min(20_000, licenses - start);
  await sql`
    WITH l AS (
      INSERT INTO licenses (key, company_id, brand_id, product_id, state, url, host, registrable_domain, created_at, updated_at)
      SELECT k.key, ${company.id}, ${brand.id}, ${main.id}, 'active', 'https://shop' || g || '.example.com', 'shop' || g || '.example.com', 'example.com', ${now}, ${now}
      FROM generate_series(${start}::int, ${start + n - 1}::int) g
      CROSS JOIN LATERAL (SELECT string_agg(chr(65 + floor(random() * 26)::int), '') AS key FROM generate_series(1, 16 + 0 * g)) k
      ON CONFLICT (key) DO NOTHING
      RETURNING id
    ), i AS (
      INSERT INTO license_items (license_id, product_id, version, added_at)
      SELECT l.id, p.id, '4.7.2', ${now} FROM l CROSS JOIN (VALUES (${main.id}::uuid), (${mod.id}::uuid)) AS p(id)
    )
    INSERT INTO license_subscriptions (license_id, name, expires_at, created_at)
    SELECT l.id, 'Updates', ${new Date(now.getTime() + 365 * 86400_000)}, ${now} FROM l WHERE random() < 0.2`.execute(
    db,
  );
}
await sql`ANALYZE`.execute(db);
console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const keys = (
  await sql<{
    key: string;
    url: string;
  }>`SELECT key, url FROM licenses WHERE company_id = ${company.id} ORDER BY random() LIMIT 1000`.execute(db)
).rows;
const pick = (i: number) => keys[i % keys.length] as { key: string; url: string };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const report = (label: string, xs: number[]) =>
  console.log(
    `${label.padEnd(44)} p50 ${pct(xs, 50).toFixed(2)} ms  p95 ${pct(xs, 95).toFixed(2)} ms  p99 ${pct(xs, 99).toFixed(2)} ms`,
  );

const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT state FROM licenses WHERE key = ${pick(0).key}`.execute(
  db,
);
console.log(`plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);

// The check's query alone.
const direct: number[] = [];
for (let i = 0; i < iterations; i++) {
  const k = pick(i);
  const s = performance.now();
  const r = await validateLicense(db, { key: k.key, url: k.url }, now);
  direct.push(performance.now() - s);
  if (!r.valid) throw new Error(`bench license ${k.key} is not valid: ${r.reason}`);
}
report('validateLicense (one query)', direct);

// Through the HTTP stack (routing, schema validation, serialization), without a socket.
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
const inject = (i: number) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/licenses/validate',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ key: pick(i).key, url: pick(i).url }),
  });
const http: number[] = [];
for (let i = 0; i < iterations; i++) {
  const s = performance.now();
  const res = await inject(i);
  http.push(performance.now() - s);
  if (res.statusCode !== 200) throw new Error(`validate answered ${res.statusCode}: ${res.body}`);
}
report('POST /licenses/validate (sequential)', http);

let next = 0;
const total = iterations * 2;
const t1 = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) await inject(next++);
  }),
);
const seconds = (performance.now() - t1) / 1000;
console.log(
  `POST /licenses/validate with ${concurrency} callers`.padEnd(44),
  `${Math.round(total / seconds)} checks/s (${total} in ${seconds.toFixed(2)} s)`,
);
console.log(
  `at that rate, one server checks ${Math.round(((total / seconds) * 86400) / 1e6)} million installations a day`,
);

await app.close();
await handle.close();
fs.rmSync(storageDir, { recursive: true, force: true });
