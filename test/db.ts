import { afterAll } from 'vitest';
import { loadConfig, type Config } from '../src/core/config.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db/index.js';
import { migrate } from '../src/core/db/migrate.js';

/**
 * The database of this test worker: PostgreSQL when DATABASE_URL is set, else an in-memory PGlite.
 * Opened and migrated once per worker and shared by its test files; tests isolate themselves by
 * creating their own companies and people (unique e-mails), never by relying on an empty table.
 */
const state = globalThis as unknown as { __clienteleTestDb?: Promise<DatabaseHandle>; __clienteleCloser?: boolean };

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://clientele.test', CLIENTELE_JOBS: 'false' });
  return { ...base, rateLimit: false, ...overrides };
}

export function testDatabase(): Promise<DatabaseHandle> {
  state.__clienteleTestDb ??= (async () => {
    const handle = await openDatabase(testConfig(), { inMemory: true });
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
