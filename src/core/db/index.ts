import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { acquireDataLock } from './data-lock.js';
import type { Database } from './schema.js';

export { acquireDataLock, DataDirLockedError } from './data-lock.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories and use cases take either the database or the current transaction. */
export type DbOrTrx = Db | Trx;

// timestamptz → Date (default), date → plain 'YYYY-MM-DD' string, int8 → string (ids of bigserial).
pg.types.setTypeParser(1082, (v: string) => v);

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  mode: 'embedded' | 'server';
  close(): Promise<void>;
}

/**
 * Opens the database of this process: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * PGlite in the data folder, guarded by a lock file so that two processes never share it.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>,
  options: { inMemory?: boolean } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.databasePoolSize });
    pool.on('error', () => {
      /* an idle client died; the pool replaces it */
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, mode: 'server', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  let releaseLock = () => {};
  let pglite: InstanceType<typeof PGlite>;
  if (options.inMemory) {
    pglite = new PGlite('memory://');
  } else {
    const dbDir = path.join(config.dataDir, 'pglite');
    fs.mkdirSync(dbDir, { recursive: true });
    releaseLock = acquireDataLock(config.dataDir);
    try {
      pglite = new PGlite(dbDir);
      await pglite.waitReady;
    } catch (err) {
      releaseLock();
      throw err;
    }
  }
  // PGlite has one connection: a pool of one serialises queries; inside a transaction use trx.
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    mode: 'embedded',
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}
