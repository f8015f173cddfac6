/**
 * A Clientele server in a child process and a small HTTP load against it, to watch what clients see
 * while the database goes away and comes back (issue 19.1). Used by scripts/fault-pg-restart.ts
 * (CI's "PostgreSQL restart under load") and test/database-outage.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What one request got: a status, or the client's own failure (connection refused or reset: the server died). */
export interface Sample {
  at: number;
  path: string;
  status: number | 'refused' | 'timeout' | 'error';
  retryAfter?: string;
  contentType?: string;
  code?: string;
  ms: number;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the server printed (stdout and stderr). */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts `src/server.ts` (node with the tsx loader) on `databaseUrl` with jobs on, and resolves once
 * /readyz answers 200, within `readyMs`.
 */
export async function startServer(databaseUrl: string, readyMs = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-fault-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      CLIENTELE_DATA_DIR: dataDir,
      CLIENTELE_JOBS: 'true',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
  const url = `http://127.0.0.1:${port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const server: ServerProcess = {
    url,
    child,
    output: () => out,
    alive,
    stop: async () => {
      if (alive()) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + readyMs;
  while (Date.now() < deadline) {
    if (!alive()) break;
    const s = await request(url, '/readyz', 2000);
    if (s.status === 200) return server;
    await sleep(250);
  }
  await server.stop();
  throw new Error(`the server was not ready within ${readyMs / 1000} s:\n${out}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GET, never throwing: a refused or broken connection is a sample too. */
export async function request(
  base: string,
  urlPath: string,
  timeoutMs = 10_000,
  headers: Record<string, string> = {},
): Promise<Sample> {
  const started = Date.now();
  try {
    const res = await fetch(base + urlPath, { headers, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(body) as { code?: string }).code;
    } catch {
      /* not JSON */
    }
    return {
      at: started,
      path: urlPath,
      status: res.status,
      retryAfter: res.headers.get('retry-after') ?? undefined,
      contentType: res.headers.get('content-type') ?? undefined,
      code,
      ms: Date.now() - started,
    };
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    const status = e.name === 'TimeoutError' ? 'timeout' : e.cause?.code === 'ECONNREFUSED' ? 'refused' : 'error';
    return { at: started, path: urlPath, status, ms: Date.now() - started };
  }
}

/**
 * `concurrency` loops, each requesting the next of `paths` in turn as soon as its last answer came,
 * until stopped. Every path queries the database.
 */
export function startLoad(
  base: string,
  paths: { path: string; headers?: Record<string, string> }[],
  concurrency = 6,
): { samples: Sample[]; stop(): Promise<Sample[]> } {
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: concurrency }, async (_, i) => {
    for (let n = i; running; n++) {
      const p = paths[n % paths.length] as { path: string; headers?: Record<string, string> };
      samples.push(await request(base, p.path, 10_000, p.headers));
      // A client that cannot connect at all would spin: pace it.
      const last = samples[samples.length - 1] as Sample;
      if (typeof last.status !== 'number') await sleep(50);
    }
  });
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

export interface OutageFigures {
  requests: number;
  byStatus: Record<string, number>;
  /** 503s without Retry-After or not problem+json `unavailable`. */
  bad503: number;
  /** Client-side failures: refused, reset, timed out. */
  failures: number;
  /** ms from `from` to the first 503's start and to the last 503's end, or null without any. */
  first503: number | null;
  last503: number | null;
  /** ms from `back` (the database answers again) to the first 2xx that started after it. */
  firstOkAfterBack: number | null;
  /** ms from `back` until every later request answered below 500 (the last 5xx's end). */
  steadyAfterBack: number | null;
}

/** Figures of the samples started at or after `from`; `back` is when the database answered again. */
export function figures(samples: Sample[], from: number, back: number): OutageFigures {
  const mine = samples.filter((s) => s.at >= from).sort((a, b) => a.at - b.at);
  const byStatus: Record<string, number> = {};
  for (const s of mine) byStatus[String(s.status)] = (byStatus[String(s.status)] ?? 0) + 1;
  const is503 = (s: Sample) => s.status === 503;
  const bad503 = mine.filter(
    (s) =>
      is503(s) && !(s.retryAfter && s.contentType?.startsWith('application/problem+json') && s.code === 'unavailable'),
  ).length;
  const failures = mine.filter((s) => typeof s.status !== 'number').length;
  const first = mine.find(is503);
  const last = [...mine].reverse().find(is503);
  const ok = mine.find((s) => s.at >= back && typeof s.status === 'number' && s.status >= 200 && s.status < 300);
  const lastBad = [...mine].reverse().find((s) => typeof s.status !== 'number' || s.status >= 500);
  return {
    requests: mine.length,
    byStatus,
    bad503,
    failures,
    first503: first ? first.at - from : null,
    last503: last ? last.at + last.ms - from : null,
    firstOkAfterBack: ok ? ok.at + ok.ms - back : null,
    steadyAfterBack: lastBad ? Math.max(0, lastBad.at + lastBad.ms - back) : 0,
  };
}
