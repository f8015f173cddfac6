/** A database for a migration test alone, and the migrations before the one under test. */
import fs from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, type Db, openDatabase } from '../src/core/db/index.js';
import { listMigrations } from '../src/core/db/migrate.js';

/** Runs one statement on the PostgreSQL server's maintenance connection (create or drop a database). */
async function onServer(base: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A database of this test alone, closed (and on PostgreSQL dropped) after it: PGlite in memory, or
 * with DATABASE_URL a fresh `<name>_<suffix><worker>`.
 */
export async function scratchDatabase(suffix: string): Promise<DatabaseHandle> {
  const base = process.env.DATABASE_URL;
  if (!base) return openDatabase({ databaseUrl: undefined, dataDir: '', databasePoolSize: 1 }, { inMemory: true });
  const url = new URL(base);
  const name = `${url.pathname.slice(1) || 'postgres'}_${suffix}${process.env.VITEST_POOL_ID ?? '1'}`.replace(/"/g, '');
  await onServer(base, `DROP DATABASE IF EXISTS "${name}"`);
  await onServer(base, `CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', databasePoolSize: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await onServer(base, `DROP DATABASE IF EXISTS "${name}"`);
    },
  };
}

/** Applies the migrations before `target` as the migrator would, so that `target` meets existing rows. */
export async function migrateBefore(db: Db, target: string): Promise<void> {
  await sql`CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL)`.execute(db);
  for (const m of listMigrations().filter((m) => m.version < target)) {
    await sql.raw(fs.readFileSync(m.file, 'utf8')).execute(db);
    await db.insertInto('schema_migrations').values({ version: m.version, applied_at: new Date() }).execute();
  }
}
