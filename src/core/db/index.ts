import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from './schema.js';

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

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: string) {
    super(
      `The data folder ${dir} is in use by another Clientele process (pid ${pid}). ` +
        'Two processes on one embedded database lose writes: stop the other process, ' +
        'set CLIENTELE_DATA_DIR to another folder, or use DATABASE_URL for a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Takes `<dataDir>/clientele.lock`; a lock left by a dead process is taken over. */
export function acquireDataLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'clientele.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = fs.readFileSync(file, 'utf8').trim();
      if (pid && isAlive(Number(pid)) && Number(pid) !== process.pid) throw new DataDirLockedError(dataDir, pid);
      fs.unlinkSync(file); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(dataDir, 'unknown');
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
