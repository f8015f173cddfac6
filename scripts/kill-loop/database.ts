import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/core/db/index.js';
import { migrate } from '../../src/core/db/migrate.js';
import { hashPassword } from '../../src/core/password.js';
import { createApiToken } from '../../src/modules/auth/api-tokens.js';

/** The database the loop's servers run on: a fresh PostgreSQL database or a fresh embedded data folder. */
export interface Target {
  mode: 'pg' | 'embedded';
  /** What the server's environment needs to find it. */
  serverEnv: Record<string, string>;
  /** Where it is, for the summary and for --keep. */
  where: string;
  /** Opens it in this process (for the embedded database: only while no server runs). */
  open(): Promise<DatabaseHandle>;
  /** Drops the database or removes the folder. */
  drop(): Promise<void>;
}

/** The accounts the load acts as: one customer (the only profile of its company) and one staff admin. */
export interface Seeded {
  customerToken: string;
  customerEmail: string;
  staffToken: string;
  staffEmail: string;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A fresh PostgreSQL database at `url` (any existing one of that name is dropped first). */
export async function freshPostgres(url: string): Promise<Target> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const onServer = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await onServer(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${quoteIdent(name)}`);
  return {
    mode: 'pg',
    serverEnv: { DATABASE_URL: url },
    where: url,
    open: () => openDatabase({ databaseUrl: url, dataDir: '', databasePoolSize: 4 }),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  };
}

/** A fresh embedded data folder under the system's temporary folder (TMPDIR). */
export function freshDataFolder(): Target {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-kill-loop-'));
  return {
    mode: 'embedded',
    serverEnv: { DATABASE_URL: '', CLIENTELE_DATA_DIR: dir },
    where: dir,
    open: () => openDatabase({ databaseUrl: undefined, dataDir: dir, databasePoolSize: 1 }),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Migrates and seeds the target before any server runs: a company whose only profile is the
 * customer (so each customer mail has one recipient), a staff admin (who may answer tickets and
 * read the mailbox), and an API token for each. The server's own demo seed then finds data and adds none.
 */
export async function seed(target: Target, run: string): Promise<Seeded> {
  const handle = await target.open();
  try {
    const { db } = handle;
    const now = new Date();
    await migrate(db, now);
    const hash = await hashPassword(`Kill-loop-${run}`);
    const stamp = { created_at: now, updated_at: now };
    const company = await db
      .insertInto('companies')
      .values({ name: `Kill loop ${run}`, ...stamp })
      .returning('id')
      .executeTakeFirstOrThrow();
    const customerEmail = `customer-${run}@kill-loop.test`;
    const profile = await db
      .insertInto('profiles')
      .values({
        company_id: company.id,
        role: 'primary',
        email: customerEmail,
        name: 'Kim Customer',
        password_hash: hash,
        email_confirmed_at: now,
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const staffEmail = `admin-${run}@kill-loop.test`;
    const staff = await db
      .insertInto('staff_users')
      .values({ email: staffEmail, name: 'Sasha Staff', role: 'admin', password_hash: hash, ...stamp })
      .returning('id')
      .executeTakeFirstOrThrow();
    const customer = await createApiToken(
      db,
      {
        kind: 'profile',
        id: profile.id,
        companyId: company.id,
        role: 'primary',
        email: customerEmail,
        name: 'Kim Customer',
      },
      { name: 'kill loop' },
      now,
    );
    const admin = await createApiToken(
      db,
      { kind: 'staff', id: staff.id, role: 'admin', email: staffEmail, name: 'Sasha Staff' },
      { name: 'kill loop' },
      now,
    );
    return { customerToken: customer.secret, customerEmail, staffToken: admin.secret, staffEmail };
  } finally {
    await handle.close();
  }
}
