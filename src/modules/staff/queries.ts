import type { DbOrTrx } from '../../core/db/index.js';
import type { StaffRole } from '../../core/permissions.js';

/** Staff users' names as a derived table, for another module's one-query join (timelines). */
export function staffNamesTable(db: DbOrTrx) {
  return db.selectFrom('staff_users').select(['id', 'name']);
}

/** The names of the given staff users, by id (one query). */
export async function staffNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One enabled staff user's id, name, role and e-mail, or undefined (unknown or disabled). */
export function findEnabledStaff(db: DbOrTrx, id: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'name', 'role', 'email'])
    .where('id', '=', id)
    .where('disabled', '=', false)
    .executeTakeFirst();
}

/** Enabled staff users with one of the roles, by name. */
export function enabledStaffWithRoles(db: DbOrTrx, roles: readonly StaffRole[], limit: number) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'name', 'role'])
    .where('disabled', '=', false)
    .where('role', 'in', [...roles])
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** Where to mail enabled staff users: one by id, or everybody with a role. */
export function enabledStaffContacts(db: DbOrTrx, who: { id: string } | { role: StaffRole }) {
  const q = db.selectFrom('staff_users').select(['email', 'name']).where('disabled', '=', false);
  return ('id' in who ? q.where('id', '=', who.id) : q.where('role', '=', who.role)).execute();
}

/** The staff user with this address (any case), enabled or not: for the operator's CLI. */
export function findStaffByEmail(db: DbOrTrx, email: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'name'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', eb.fn<string>('lower', [eb.val(email.trim())])))
    .executeTakeFirst();
}
