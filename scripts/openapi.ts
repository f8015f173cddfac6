/**
 * Writes the server's OpenAPI document to web/src/api/openapi.json, from which `npm run gen:api`
 * generates the web client's types. The app is built the way the tests build it (no jobs, a silent
 * log) and from a fixed environment, so the document never depends on the shell it runs in.
 * `--out <file>` writes elsewhere; scripts/check-api.ts regenerates into a temp folder and compares.
 *
 * The document comes from the route schemas alone, so the app gets a database that refuses every
 * query instead of the tests' in-memory PGlite: starting PGlite took ~6 s of a ~9 s run. A route
 * plugin that queried while being registered would fail here, loudly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { TestClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import type { Db } from '../src/core/db/index.js';
import { noJobs } from '../src/core/jobs.js';
import { projectRoot } from '../src/core/paths.js';
import { LocalDiskStorage } from '../src/core/storage/index.js';

class RefusingDriver extends DummyDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    throw new Error('scripts/openapi.ts builds the app without a database, yet something queried it.');
  }
}

function noDatabase(): Db {
  return new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RefusingDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/** Object keys in code-point order, arrays as they are: the same API always gives the same bytes. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

async function openApiDocument(): Promise<unknown> {
  // Defaults only: a developer's DATABASE_URL, limits or sign-up setting must not change the document.
  const config = loadConfig({ LOG_LEVEL: 'silent', CLIENTELE_JOBS: 'false', PUBLIC_URL: 'http://clientele.test' });
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-openapi-'));
  const db = noDatabase();
  try {
    const app = await buildApp({
      config: { ...config, rateLimit: false },
      db,
      clock: new TestClock('2026-01-01T00:00:00Z'),
      jobs: noJobs,
      log: pino({ level: 'silent' }),
      storage: new LocalDiskStorage(storageDir),
      mailDomain: 'clientele.test',
    });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return doc;
  } finally {
    await db.destroy();
    fs.rmSync(storageDir, { recursive: true, force: true });
  }
}

/** Writes the document, keys sorted, 2-space indented: the same API always gives the same bytes. */
export async function writeOpenApiDocument(out: string): Promise<void> {
  const text = `${JSON.stringify(sortKeys(await openApiDocument()), null, 2)}\n`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
}

export const openApiPath = path.join(projectRoot(), 'web/src/api/openapi.json');

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outAt = process.argv.indexOf('--out');
  await writeOpenApiDocument(
    outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]!) : openApiPath,
  );
}
