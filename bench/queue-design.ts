/**
 * Design probe for the staff queue of issue 3 (T-11, T-16): can a department queue ordered by
 * HotRush, then SLA due time, then effective priority be served in well under 30 ms at 1M tickets?
 * Builds a candidate table in a throw-away schema, seeds it, prints query times. Asserts nothing.
 *   DATABASE_URL=postgres://… npx tsx bench/queue-design.ts        (BENCH_TICKETS=1000000)
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL database (the embedded one is not the target of this probe).');
  process.exit(2);
}
const n = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const client = new pg.Client({ connectionString: url });
await client.connect();
const q = (text: string, values: unknown[] = []) => client.query(text, values);

await q('DROP SCHEMA IF EXISTS queue_probe CASCADE');
await q('CREATE SCHEMA queue_probe');
await q(`CREATE TABLE queue_probe.tickets (
  id bigserial PRIMARY KEY,
  department smallint NOT NULL,
  status text NOT NULL,
  -- Queue key, all ascending so that keyset pagination is one row comparison on one index:
  hot_rank smallint NOT NULL,            -- 0 HotRush, 1 otherwise
  due_at timestamptz NOT NULL,           -- 'infinity' when no SLA applies
  priority_rank integer NOT NULL,        -- -round(effective priority * 100)
  title text NOT NULL
)`);
const t0 = performance.now();
await q(
  `INSERT INTO queue_probe.tickets (department, status, hot_rank, due_at, priority_rank, title)
   SELECT (g % 4)::smallint,
          CASE WHEN g % 10 < 8 THEN 'closed' WHEN g % 10 = 8 THEN 'in_progress' ELSE 'submitted' END,
          CASE WHEN g % 97 = 0 THEN 0 ELSE 1 END,
          CASE WHEN g % 5 = 0 THEN 'infinity'::timestamptz ELSE now() + ((g % 20000) || ' minutes')::interval END,
          -((g % 400) + 1),
          'Ticket ' || g
   FROM generate_series(1, $1::int) g`,
  [n],
);
await q(`CREATE INDEX tickets_queue_idx ON queue_probe.tickets (department, hot_rank, due_at, priority_rank, id)
         WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened')`);
await q('ANALYZE queue_probe.tickets');
console.log(`seeded ${n} tickets (20% open) and indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const open = "status IN ('submitted', 'assigned', 'in_progress', 'reopened')";
const first = `SELECT id, hot_rank, due_at, priority_rank, title FROM queue_probe.tickets
  WHERE department = $1 AND ${open} ORDER BY hot_rank, due_at, priority_rank, id LIMIT 50`;
const next = `SELECT id, hot_rank, due_at, priority_rank, title FROM queue_probe.tickets
  WHERE department = $1 AND ${open} AND (hot_rank, due_at, priority_rank, id) > ($2, $3, $4, $5)
  ORDER BY hot_rank, due_at, priority_rank, id LIMIT 50`;

async function time(label: string, run: () => Promise<unknown>, times = 200) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const s = performance.now();
    await run();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const p = (x: number) => samples[Math.floor(x * (samples.length - 1))]!.toFixed(2);
  console.log(`${label.padEnd(40)} p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  p99 ${p(0.99)} ms`);
}

await time('queue, first page of 50', () => q(first, [1]));
const page = (await q(first, [1])).rows;
const last = page[page.length - 1];
await time('queue, next page (keyset)', () => q(next, [1, last.hot_rank, last.due_at, last.priority_rank, last.id]));
const plan = await q(`EXPLAIN (ANALYZE, BUFFERS) ${first}`, [1]);
console.log(plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));

await q('DROP SCHEMA queue_probe CASCADE');
await client.end();
