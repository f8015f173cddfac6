import type { DbOrTrx } from '../../core/db/index.js';
import { credentialWrites } from '../../core/db/credential-writes.js';
import type { CredentialStore, LoginAccount } from '../auth/index.js';
import type { StaffUser } from './tables.js';

const loginColumns = ['id', 'email', 'name', 'password_hash', 'locked_at', 'disabled', 'role'] as const;

function toLoginAccount(s: Pick<StaffUser, (typeof loginColumns)[number]>): LoginAccount {
  return {
    id: s.id,
    email: s.email,
    name: s.name,
    companyId: null,
    active: !s.disabled,
    passwordHash: s.password_hash,
    lockedAt: s.locked_at,
    // An admin sets a staff user's address; there is no self-service sign-up to confirm.
    emailConfirmed: true,
    actor: { kind: 'staff', id: s.id, role: s.role, email: s.email, name: s.name },
  };
}

/** Auth's view of staff users: log-in, lock-out and passwords (A-5… ). */
export const staffCredentials: CredentialStore = {
  kind: 'staff',
  async byEmail(db, email) {
    const s = await db
      .selectFrom('staff_users')
      .select(loginColumns)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    return s && toLoginAccount(s);
  },
  async byId(db, id) {
    const s = await db.selectFrom('staff_users').select(loginColumns).where('id', '=', id).executeTakeFirst();
    return s && toLoginAccount(s);
  },
  ...credentialWrites('staff_users'),
  async confirmEmail() {
    // Always confirmed (see emailConfirmed above): no confirmation link is ever issued for staff.
    return false;
  },
  async timeZone(db, id) {
    const s = await db.selectFrom('staff_users').select('timezone').where('id', '=', id).executeTakeFirst();
    return s?.timezone ?? null;
  },
};

/** The enabled staff users as a derived table for auth's one-query session lookup. */
export function enabledStaff(db: DbOrTrx) {
  return db.selectFrom('staff_users').select(['id', 'role', 'email', 'name']).where('disabled', '=', false);
}
