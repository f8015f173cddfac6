import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { projectRoot } from '../paths.js';
import type { Db } from './index.js';

const migrationsDir = () => path.join(projectRoot(), 'db', 'migrations');

/** The migration files in order: `NNNN_name.sql`. */
export function listMigrations(): { version: string; file: string }[] {
  return fs
    .readdirSync(migrationsDir())
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), file: path.join(migrationsDir(), f) }));
}

/**
 * Applies the pending SQL migrations, each in its own transaction, under an advisory lock so that
 * several servers starting at once apply each migration exactly once. Returns the versions applied.
 */
export async function migrate(db: Db, now: Date = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(727001)`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL)`.execute(
      trx,
    );
    const done = new Set((await trx.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version));
    const applied: string[] = [];
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      await sql.raw(fs.readFileSync(m.file, 'utf8')).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, applied_at: now }).execute();
      applied.push(m.version);
    }
    return applied;
  });
}

/** True when every migration file has been applied (GET /readyz). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const rows = await db.selectFrom('schema_migrations').select('version').execute();
  const done = new Set(rows.map((r) => r.version));
  return listMigrations().every((m) => done.has(m.version));
}
