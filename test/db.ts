import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { loadConfig, type Config } from '../src/core/config.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db/index.js';
import { migrate } from '../src/core/db/migrate.js';
import { LocalDiskStorage } from '../src/core/storage/index.js';

/**
 * The database of this test worker: PostgreSQL when DATABASE_URL is set, else an in-memory PGlite.
 * Opened and migrated once per worker and shared by its test files; tests isolate themselves by
 * creating their own companies and people (unique e-mails), never by relying on an empty table.
 */
const state = globalThis as unknown as { __clienteleTestDb?: Promise<DatabaseHandle>; __clienteleCloser?: boolean };

const storageState = globalThis as unknown as { __clienteleTestStorage?: { storage: LocalDiskStorage; dir: string } };

/** One storage folder per worker in the temp folder, removed when the worker exits. */
export function testStorage(): LocalDiskStorage {
  if (!storageState.__clienteleTestStorage) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-test-files-'));
    storageState.__clienteleTestStorage = { storage: new LocalDiskStorage(dir), dir };
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return storageState.__clienteleTestStorage.storage;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://clientele.test',
    CLIENTELE_JOBS: 'false',
    // T-18: a fixed key, so access info works in every test (a test turns it off with accessInfo.key).
    CLIENTELE_ACCESS_INFO_KEY:
      process.env.CLIENTELE_ACCESS_INFO_KEY ?? '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  });
  return { ...base, rateLimit: false, ...overrides };
}

/**
 * On PostgreSQL each vitest worker gets a database of its own (`<name>_w<worker>`), created on
 * first use, so that workers never see each other's outbox or jobs.
 */
async function workerDatabaseUrl(base: string): Promise<string> {
  const url = new URL(base);
  const name = `${url.pathname.slice(1) || 'postgres'}_w${process.env.VITEST_POOL_ID ?? '1'}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount)
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`).catch((e) => {
        if (e.code !== '42P04') throw e;
      });
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

export function testDatabase(): Promise<DatabaseHandle> {
  state.__clienteleTestDb ??= (async () => {
    const config = testConfig();
    if (config.databaseUrl) config.databaseUrl = await workerDatabaseUrl(config.databaseUrl);
    const handle = await openDatabase(config, { inMemory: true });
    await migrate(handle.db);
    return handle;
  })();
  if (!state.__clienteleCloser) {
    state.__clienteleCloser = true;
    process.once('beforeExit', () => {
      void state.__clienteleTestDb?.then((h) => h.close());
    });
  }
  return state.__clienteleTestDb;
}

// Keep vitest from complaining about an unused import when a file only needs the database.
export { afterAll };
