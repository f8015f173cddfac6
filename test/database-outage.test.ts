import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { figures, type Sample, sleep, startLoad, startServer } from '../scripts/fault-load.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db/index.js';
import { testDatabase } from './db.js';
import { buildCompany } from './factories.js';
import { setupApp } from './helpers.js';

/**
 * Issue 19.1 on PostgreSQL: the server's backends are ended (pg_terminate_backend) mid-request and
 * under load; the process lives, requests answer 503 problem+json with Retry-After, then 2xx again
 * within a second or two. The app runs on a pool of its own (its own application_name) over the
 * worker's database, so only its connections are ended; then a whole server with its job queue in a
 * child process, on a database of its own. A restart of a whole cluster is CI's
 * scripts/fault-pg-restart.ts.
 */
const baseUrl = process.env.DATABASE_URL;
const applicationName = `clientele-outage-w${process.env.VITEST_POOL_ID ?? '1'}`;

async function setUp() {
  const worker = await testDatabase();
  const { rows } = await worker.pool.query<{ name: string }>('SELECT current_database() AS name');
  const url = new URL(baseUrl as string);
  url.pathname = `/${rows[0]?.name}`;
  const workerUrl = url.toString();
  url.searchParams.set('application_name', applicationName);
  const handle: DatabaseHandle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', databasePoolSize: 4 });
  afterAll(() => handle.close());
  const t = await setupApp({}, { database: handle });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.addresses()[0] as { port: number };
  const company = await buildCompany(t.ctx);
  return {
    worker,
    workerUrl,
    handle,
    base: `http://127.0.0.1:${address.port}`,
    cookie: `clientele_session=${company.primary.auth.cookie}`,
  };
}

const setup = baseUrl ? await setUp() : undefined;

/** Ends the app's own connections to the worker's database; how many. */
async function terminateAppBackends(): Promise<number> {
  const { rows } = await (setup as NonNullable<typeof setup>).worker.pool.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`,
    [applicationName],
  );
  return rows[0]?.n ?? 0;
}

/** Polls `probe` every 50 ms until it is true, failing with `what` after `ms`. */
async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > ms) throw new Error(`${what} within ${ms} ms`);
    await sleep(50);
  }
  return Date.now() - started;
}

const expectUnavailable = (s: Sample) =>
  expect(s).toMatchObject({
    status: 503,
    retryAfter: '5',
    contentType: expect.stringMatching(/^application\/problem\+json/),
    code: 'unavailable',
  });

describe.runIf(!!baseUrl)('PostgreSQL ends the server’s connections (19.1)', () => {
  it('mid-request: the requests in flight answer 503 problem+json with Retry-After, the next one 200', async () => {
    const { base, cookie, workerUrl, handle } = setup as NonNullable<typeof setup>;
    const me = () => fetch(`${base}/api/v1/me`, { headers: { cookie } });
    expect((await me()).status).toBe(200);
    // Connections open beforehand: a backend that starts while the table is locked waits before it is listed.
    await Promise.all([1, 2, 3, 4].map(() => handle.pool.query('SELECT pg_sleep(0.05)')));
    // Hold the requests inside their query: the session lookup waits for a lock this test holds.
    const locker = new pg.Client({ connectionString: workerUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      const inFlight = Array.from({ length: 3 }, async () => {
        const res = await me();
        return {
          at: 0,
          ms: 0,
          path: '/api/v1/me',
          status: res.status,
          retryAfter: res.headers.get('retry-after') ?? undefined,
          contentType: res.headers.get('content-type') ?? undefined,
          code: ((await res.json()) as { code?: string }).code,
        } satisfies Sample;
      });
      await until(
        async () => {
          const { rows } = await locker.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [applicationName],
          );
          return (rows[0]?.n ?? 0) >= 3;
        },
        5000,
        'the three requests waited for the lock',
      );
      expect(await terminateAppBackends()).toBeGreaterThanOrEqual(3);
      await locker.query('ROLLBACK');
      for (const s of await Promise.all(inFlight)) expectUnavailable(s);
    } finally {
      await locker.end();
    }
    // The pool opens a new connection for the next request.
    const ms = await until(async () => (await me()).status === 200, 3000, 'a 200 again');
    expect(ms).toBeLessThan(3000);
  });

  it('under load: only 200 or 503 (problem+json, Retry-After), and all 200 again within a second or two', async () => {
    const { base, cookie, handle } = setup as NonNullable<typeof setup>;
    const load = startLoad(base, [{ path: '/api/v1/me', headers: { cookie } }, { path: '/readyz' }], 6);
    await sleep(300);
    const from = Date.now();
    let ended = 0;
    for (let i = 0; i < 8; i++) {
      ended += await terminateAppBackends();
      await sleep(150);
    }
    const back = Date.now();
    await until(async () => figures(load.samples, from, back).firstOkAfterBack !== null, 3000, 'a 2xx again');
    await sleep(1000);
    const samples = await load.stop();
    const f = figures(samples, from, back);
    expect(ended).toBeGreaterThan(0);
    expect(f.failures).toBe(0);
    expect(Object.keys(f.byStatus).sort()).toEqual(expect.arrayContaining(['200']));
    for (const status of Object.keys(f.byStatus)) expect(['200', '503']).toContain(status);
    for (const s of samples.filter((x) => x.status === 503)) expectUnavailable(s);
    expect(f.firstOkAfterBack).toBeLessThan(2000);
    // Steady: nothing but 200 once the connections are no longer ended.
    expect(f.steadyAfterBack).toBeLessThan(2000);
    expect(handle.pool.totalCount).toBeLessThanOrEqual(4);
    expect((await handle.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  }, 30_000);

  it('a whole server with its job queue lives through its backends ended under load, then runs a job', async () => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    const url = new URL(baseUrl as string);
    const name = `${url.pathname.slice(1) || 'postgres'}_o${process.env.VITEST_POOL_ID ?? '1'}`.replace(/"/g, '');
    const drop = async () => {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    };
    await drop();
    await admin.query(`CREATE DATABASE "${name}"`);
    url.pathname = `/${name}`;
    const server = await startServer(url.toString());
    try {
      const load = startLoad(server.url, [
        { path: '/readyz' },
        { path: '/api/v1/me', headers: { authorization: 'Bearer clt_nobody' } },
      ]);
      await sleep(300);
      const from = Date.now();
      for (let i = 0; i < 8; i++) {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
        await sleep(150);
      }
      const back = Date.now();
      await until(async () => figures(load.samples, from, back).firstOkAfterBack !== null, 5000, 'a 2xx again');
      await sleep(1000);
      const f = figures(await load.stop(), from, back);
      expect(server.alive()).toBe(true);
      expect(f.failures).toBe(0);
      expect(f.bad503).toBe(0);
      for (const status of Object.keys(f.byStatus)) expect(['200', '401', '503']).toContain(status);
      expect(f.steadyAfterBack).toBeLessThan(3000);
      // Its job queue lost its connections too, and runs a job queued now.
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      try {
        const { rows } = await db.query<{ id: string }>(
          `INSERT INTO pgboss.job (name, data) VALUES ('mail-deliver', '{}') RETURNING id`,
        );
        await until(
          async () =>
            (await db.query('SELECT 1 FROM pgboss.job WHERE id = $1 AND state = $2', [rows[0]?.id, 'completed']))
              .rowCount === 1,
          15_000,
          'the job ran',
        );
      } finally {
        await db.end();
      }
      expect(server.alive()).toBe(true);
      expect(server.output()).not.toMatch(/"level":(50|60)/);
    } finally {
      await server.stop();
      await drop();
      await admin.end();
    }
  }, 150_000);
});
