import { randomBytes } from 'node:crypto';
import type { AppContext } from '../src/core/context.js';
import type { ProfileRole, StaffRole } from '../src/core/db/schema.js';
import { hashPassword } from '../src/core/password.js';
import { createSession } from '../src/modules/auth/sessions.js';
import type { Auth } from './helpers.js';

/** The password of every person the factories create. */
export const testPassword = 'Correct-Horse-42';
let hashOnce: Promise<string> | undefined;
const passwordHash = () => (hashOnce ??= hashPassword(testPassword));

export const uniq = () => randomBytes(5).toString('hex');

export interface TestPerson {
  id: string;
  email: string;
  name: string;
  auth: Auth;
}

export interface TestCompany {
  id: string;
  name: string;
  primary: TestPerson;
  advanced: TestPerson;
  secondary: TestPerson;
}

/** Opens a session directly (no log-in round trip) for a profile or staff user. */
export async function sessionFor(ctx: AppContext, owner: { profileId: string } | { staffId: string }): Promise<Auth> {
  const s = await createSession(ctx.db, owner, { ip: '127.0.0.1', userAgent: 'vitest' }, ctx.clock.now(), 14);
  return { cookie: s.token, csrf: s.csrfToken };
}

/** A fresh company with a primary, an advanced secondary and a secondary profile, each signed in. */
export async function buildCompany(ctx: AppContext, name = `Company ${uniq()}`): Promise<TestCompany> {
  const now = ctx.clock.now();
  const hash = await passwordHash();
  const company = await ctx.db.insertInto('companies').values({ name, created_at: now, updated_at: now }).returning(['id', 'name']).executeTakeFirstOrThrow();
  const person = async (role: ProfileRole, label: string): Promise<TestPerson> => {
    const email = `${role}-${uniq()}@example.com`;
    const p = await ctx.db
      .insertInto('profiles')
      .values({ company_id: company.id, role, email, name: label, password_hash: hash, created_at: now, updated_at: now })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    return { id: p.id, email, name: label, auth: await sessionFor(ctx, { profileId: p.id }) };
  };
  return {
    id: company.id,
    name: company.name,
    primary: await person('primary', 'Pat Primary'),
    advanced: await person('advanced', 'Ann Advanced'),
    secondary: await person('secondary', 'Sid Secondary'),
  };
}

export async function buildStaff(ctx: AppContext, role: StaffRole): Promise<TestPerson> {
  const now = ctx.clock.now();
  const email = `${role}-${uniq()}@vendor.example`;
  const u = await ctx.db
    .insertInto('staff_users')
    .values({ email, name: `Staff ${role}`, role, password_hash: await passwordHash(), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: u.id, email, name: `Staff ${role}`, auth: await sessionFor(ctx, { staffId: u.id }) };
}

/** The mail queued to an address, newest first. */
export async function mailTo(ctx: AppContext, to: string) {
  return ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').execute();
}
