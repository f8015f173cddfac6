import type { Db, DbOrTrx } from '../../core/db/index.js';
import { credentialWrites } from '../../core/db/credential-writes.js';
import type { CredentialStore, LoginAccount } from '../auth/index.js';
import type { Profile } from './tables.js';

const loginColumns = [
  'id',
  'email',
  'name',
  'password_hash',
  'locked_at',
  'status',
  'company_id',
  'role',
  'email_confirmed_at',
] as const;

function toLoginAccount(p: Pick<Profile, (typeof loginColumns)[number]>): LoginAccount {
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    companyId: p.company_id,
    active: p.status === 'active',
    passwordHash: p.password_hash,
    lockedAt: p.locked_at,
    emailConfirmed: p.email_confirmed_at !== null,
    actor: { kind: 'profile', id: p.id, companyId: p.company_id, role: p.role, email: p.email, name: p.name },
  };
}

/** Auth's view of customer profiles: log-in, lock-out and passwords (A-5…A-7). */
export const profileCredentials: CredentialStore = {
  kind: 'profile',
  async byEmail(db, email) {
    const p = await db
      .selectFrom('profiles')
      .select(loginColumns)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    return p && toLoginAccount(p);
  },
  async byId(db, id) {
    const p = await db.selectFrom('profiles').select(loginColumns).where('id', '=', id).executeTakeFirst();
    return p && toLoginAccount(p);
  },
  ...credentialWrites('profiles'),
  async confirmEmail(db, id, now) {
    const row = await db
      .updateTable('profiles')
      .set({ email_confirmed_at: now, updated_at: now })
      .where('id', '=', id)
      .where('email_confirmed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },
  async timeZone(db, id) {
    const p = await db.selectFrom('profiles').select('timezone').where('id', '=', id).executeTakeFirst();
    return p?.timezone ?? null;
  },
};

/**
 * The active profiles as a derived table for auth's one-query session lookup: auth joins it on the
 * session's profile id, so a request is still one indexed query (PostgreSQL flattens the subquery).
 */
export function activeProfiles(db: Db | DbOrTrx) {
  return db.selectFrom('profiles').select(['id', 'company_id', 'role', 'email', 'name']).where('status', '=', 'active');
}
