import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { acquireDataLock } from './data-lock.js';
import type { Database } from './schema.js';

export { acquireDataLock, DataDirLockedError } from './data-lock.js';
export { databaseRetryAfterSeconds, isDatabaseUnavailable, outageReporter } from './faults.js';

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

/** How long a request waits for a connection (a new one, or a free one of the pool) before it fails. */
const connectTimeoutMs = 5000;

/**
 * Opens the database of this process: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * PGlite in the data folder, guarded by a lock file so that two processes never share it.
 *
 * A PostgreSQL restart or stop must not end the process (issue 19.1): every client's 'error' is
 * handled, idle or checked out (the query in flight rejects; the request answers 503, see
 * isDatabaseUnavailable), the pool drops broken clients and opens new ones when the server answers
 * again, and waiting for a connection gives up after `connectTimeoutMs` instead of hanging. There is
 * no statement timeout: migrations, exports and maintenance may run long on purpose.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>,
  options: { inMemory?: boolean; connectTimeoutMs?: number } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.databasePoolSize,
      connectionTimeoutMillis: options.connectTimeoutMs ?? connectTimeoutMs,
      // A server that vanished without closing the socket (a host down, a partition) is noticed.
      keepAlive: true,
    });
    handleClientErrors(pool);
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
  handleClientErrors(pool);
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

/**
 * An 'error' event nobody listens to ends the process. pg-pool listens on idle clients only; a
 * checked-out client (a request's query, a transaction) whose server connection ends emits one too.
 * Its query in flight rejects on its own, and pg-pool drops the client when it is released (it is
 * no longer queryable), so the events only need a listener.
 */
function handleClientErrors(pool: pg.Pool): void {
  pool.on('error', () => {
    /* an idle client died; the pool has removed it and opens another when asked */
  });
  pool.on('connect', (client) => {
    client.on('error', () => {
      /* a checked-out client died: its query rejects, and the pool drops it on release */
    });
  });
}
