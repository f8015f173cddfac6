/**
 * CI's "PostgreSQL restart under load" (issue 19.1): a throw-away PostgreSQL cluster of its own on
 * another port (so the suite's is untouched), a Clientele server on it with its jobs, a small load,
 * then `pg_ctl restart -m fast` and a stop of 3 s during the load. Asserts the server process lives,
 * answers 503 problem+json with Retry-After while the database is away (never a refused connection),
 * answers 2xx again within a few seconds of its return, and that its job queue runs a job again.
 * Removes the cluster at the end. Run by hand: `npx tsx scripts/fault-pg-restart.ts`
 * (FAULT_PGPORT, default 55432; PG_BIN, default the newest /usr/lib/postgresql/<v>/bin; FAULT_STOP_SECONDS,
 * default 3; FAULT_VERBOSE=1 prints the server's log). As root the
 * cluster belongs to the postgres user (initdb refuses root), as .ci/run does with its own.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  figures,
  type OutageFigures,
  type Sample,
  type ServerProcess,
  sleep,
  startLoad,
  startServer,
} from './fault-load.js';

const port = Number(process.env.FAULT_PGPORT ?? 55432);
const recoverWithinMs = 10_000;
const stopSeconds = Number(process.env.FAULT_STOP_SECONDS ?? 3);
const asRoot = process.getuid?.() === 0;

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(a) - Number(b)) : [];
  const newest = versions.at(-1);
  if (newest && fs.existsSync(path.join(base, newest, 'bin', 'pg_ctl'))) return path.join(base, newest, 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('No PostgreSQL binaries found: install postgresql or set PG_BIN.');
  }
}

const bin = pgBin();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-fault-pg-'));
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs a PostgreSQL program as the cluster's owner (the postgres user when we are root), without
 * blocking: the load goes on meanwhile.
 */
async function asOwner(program: string, args: string[]): Promise<void> {
  const cmd = [path.join(bin, program), ...args];
  if (asRoot) await promisify(execFile)('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map(quote).join(' ')]);
  else await promisify(execFile)(cmd[0] as string, cmd.slice(1));
}
const pgCtl = (...args: string[]) => asOwner('pg_ctl', ['-D', dataDir, '-l', path.join(dataDir, 'log'), ...args]);
const startOptions = `-h 127.0.0.1 -p ${port} -k ${dataDir} -c fsync=off`;

let server: ServerProcess | undefined;
let clusterStarted = false;
async function cleanUp() {
  await server?.stop().catch(() => {});
  if (clusterStarted) {
    try {
      await pgCtl('stop', '-m', 'immediate', '-w');
    } catch {
      /* not running */
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });

function check(ok: boolean, what: string, problems: string[]) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) problems.push(what);
}

function describe(name: string, f: OutageFigures) {
  console.log(
    `${name}: ${f.requests} requests ${JSON.stringify(f.byStatus)}; 503 from +${f.first503 ?? '-'} to +${f.last503 ?? '-'} ms; ` +
      `first 2xx ${f.firstOkAfterBack ?? '-'} ms after the database was back, steady (no 5xx) ${f.steadyAfterBack ?? '-'} ms after`,
  );
}

async function main() {
  const started = Date.now();
  console.log(`PostgreSQL ${bin} on 127.0.0.1:${port}, data in ${dataDir}${asRoot ? ' (owned by postgres)' : ''}`);
  if (asRoot) execFileSync('chown', ['postgres:postgres', dataDir]);
  await asOwner('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  await pgCtl('start', '-w', '-o', startOptions);
  clusterStarted = true;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE clientele_fault');
  await admin.end();
  const databaseUrl = `postgres://postgres@127.0.0.1:${port}/clientele_fault`;

  server = await startServer(databaseUrl);
  console.log(`server ready at ${server.url} after ${Date.now() - started} ms`);
  // /readyz and the authentication of an API call (a token nobody has: 401) both query the database.
  const load = startLoad(server.url, [
    { path: '/readyz' },
    { path: '/api/v1/me', headers: { authorization: 'Bearer clt_nobody' } },
  ]);
  const problems: string[] = [];
  const phase = async (name: string, outage: () => Promise<void>) => {
    await sleep(1500);
    const from = Date.now();
    await outage();
    const back = Date.now();
    console.log(`${name}: the database was away or restarting for ${back - from} ms`);
    // Wait for recovery: the first 2xx after the database is back, within the limit.
    while (Date.now() - back < recoverWithinMs) {
      if (figures(load.samples, from, back).firstOkAfterBack !== null) break;
      await sleep(100);
    }
    await sleep(1500); // and some steady load after it
    const f = figures(load.samples, from, back);
    describe(name, f);
    check(server?.alive() === true, `${name}: the server process lives`, problems);
    check(f.failures === 0, `${name}: no request was refused or broken (${f.failures})`, problems);
    check(
      f.bad503 === 0,
      `${name}: every 503 is problem+json unavailable with Retry-After (${f.bad503} not)`,
      problems,
    );
    check(
      f.firstOkAfterBack !== null && f.firstOkAfterBack <= recoverWithinMs,
      `${name}: 2xx again within ${recoverWithinMs / 1000} s`,
      problems,
    );
    check(f.byStatus['500'] === undefined, `${name}: no 500`, problems);
    return f;
  };
  await phase('pg_ctl restart -m fast', () => pgCtl('restart', '-m', 'fast', '-w', '-o', startOptions));
  const stop = await phase(`pg_ctl stop -m fast, ${stopSeconds} s, start`, async () => {
    await pgCtl('stop', '-m', 'fast', '-w');
    await sleep(stopSeconds * 1000);
    await pgCtl('start', '-w', '-o', startOptions);
  });
  check((stop.byStatus['503'] ?? 0) > 0, 'the stop was answered with 503s (not refused)', problems);
  const samples: Sample[] = await load.stop();

  // The job queue resumed: a job queued now runs within pg-boss's polling interval.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO pgboss.job (name, data) VALUES ('mail-deliver', '{}') RETURNING id`,
  );
  const jobId = rows[0]?.id;
  let state = '';
  for (const until = Date.now() + 15_000; Date.now() < until && state !== 'completed'; await sleep(250))
    state =
      (await db.query<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [jobId])).rows[0]?.state ?? '';
  await db.end();
  check(state === 'completed', `a job queued after the outages ran (state ${state})`, problems);
  check(server.alive(), 'the server process still lives', problems);
  const fatal = server.output().match(/.*"level":(50|60).*/g) ?? [];
  check(fatal.length === 0, `the server logged no error or fatal line (${fatal.length})`, problems);
  if (fatal.length) console.log(fatal.slice(0, 5).join('\n'));
  console.log(`${samples.length} requests in all; ${Math.round((Date.now() - started) / 1000)} s`);
  if (process.env.FAULT_VERBOSE) console.log(`server output:\n${server.output()}`);
  if (problems.length) {
    console.log(`server output:\n${server.output().slice(-4000)}`);
    throw new Error(`${problems.length} check(s) failed`);
  }
}

try {
  await main();
  await cleanUp();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await cleanUp();
  process.exit(1);
}
