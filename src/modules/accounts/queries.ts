import type { Db, DbOrTrx } from '../../core/db/index.js';
import { decodeCursor, toPage } from '../../core/pagination.js';
import { presentCompany } from './presenters.js';
import type { Company, Profile } from './tables.js';

/** Profiles of one company, primary first, with whether each has an avatar (one query). */
export async function listCompanyProfiles(
  db: DbOrTrx,
  companyId: string,
): Promise<(Profile & { has_avatar: boolean })[]> {
  return db
    .selectFrom('profiles as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('profile_avatars as a').select('a.profile_id').whereRef('a.profile_id', '=', 'p.id'))
        .$castTo<boolean>()
        .as('has_avatar'),
    )
    .where('p.company_id', '=', companyId)
    .orderBy((eb) => eb.case().when('p.role', '=', 'primary').then(0).else(1).end())
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(1000)
    .execute();
}

export async function findProfile(db: DbOrTrx, id: string): Promise<(Profile & { has_avatar: boolean }) | undefined> {
  return db
    .selectFrom('profiles as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('profile_avatars as a').select('a.profile_id').whereRef('a.profile_id', '=', 'p.id'))
        .$castTo<boolean>()
        .as('has_avatar'),
    )
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** Companies by name (keyset), optionally those whose name starts with q or that have a profile with e-mail q. */
export async function searchCompanies(db: Db, q: { q?: string; limit: number; cursor?: string }) {
  let query = db
    .selectFrom('companies')
    .selectAll()
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .limit(q.limit + 1);
  if (q.q) {
    const needle = q.q.toLowerCase();
    const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
    // Two index lookups joined by UNION (an OR across them would scan the companies).
    const matches = db
      .selectFrom('companies')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), 'like', `${escaped}%`))
      .union(
        db
          .selectFrom('profiles')
          .select('company_id as id')
          .where((p) => p(p.fn('lower', ['email']), '=', needle)),
      );
    query = query.where('id', 'in', matches);
  }
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string];
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), '>', name),
        eb.and([eb(eb.fn('lower', ['name']), '=', name), eb('id', '>', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  return toPage(rows, q.limit, presentCompany, (r) => [r.name.toLowerCase(), r.id]);
}

/** One company by id, or undefined. */
export function findCompany(db: DbOrTrx, id: string): Promise<Company | undefined> {
  return db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The names of the given companies, by id (one query; unknown ids are left out). */
export async function companyNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Profiles' names as a derived table, for another module's one-query join (timelines, lists). */
export function profileNamesTable(db: DbOrTrx) {
  return db.selectFrom('profiles').select(['id', 'name']);
}

/** The names of the given profiles, by id (one query). */
export async function profileNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('profiles')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The active profile with this e-mail (exactly as stored), for inbound mail (E-2). */
export function findActiveProfileByEmail(db: DbOrTrx, email: string) {
  return db
    .selectFrom('profiles')
    .select(['id', 'company_id', 'role', 'email', 'name'])
    .where('email', '=', email)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/**
 * T-15 / A-8: the people of a company told about its tickets: active, and the author or those whose
 * "ticket mail" switch is on. A query builder, so tickets can embed it in its intake statement.
 */
export function ticketMailPeople(db: DbOrTrx, companyId: string, authorId: string | null) {
  return db
    .selectFrom('profiles')
    .select(['id', 'email', 'name'])
    .where('company_id', '=', companyId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('notify_tickets', '=', true), ...(authorId ? [eb('id', '=', authorId)] : [])]))
    .orderBy('email');
}

/** which of these addresses (lower case) belong to a disabled profile; mail to them is not sent. */
export async function disabledProfileAddresses(db: DbOrTrx, addresses: readonly string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await db
    .selectFrom('profiles')
    .select((eb) => eb.fn<string>('lower', ['email']).as('email'))
    .where((eb) => eb(eb.fn('lower', ['email']), 'in', [...addresses]))
    .where('status', '=', 'disabled')
    .execute();
  return new Set(rows.map((r) => r.email));
}

/** Companies' first orders as a derived table (T-8: a sales ticket pre-closes sooner for a customer). */
export function companyFirstOrders(db: DbOrTrx) {
  return db.selectFrom('companies').select(['id', 'first_order_at']);
}

/** Companies' names as a derived table, for another module's one-query join (transfers). */
export function companyNamesTable(db: DbOrTrx) {
  return db.selectFrom('companies').select(['id', 'name']);
}

/** The profile with this e-mail (exactly as stored), whatever its state: who holds an address. */
export function findProfileByEmail(db: DbOrTrx, email: string) {
  return db
    .selectFrom('profiles')
    .select(['id', 'company_id', 'role', 'status', 'name'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** Where to mail a profile: its e-mail and name. */
export function profileContact(db: DbOrTrx, id: string) {
  return db.selectFrom('profiles').select(['email', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** One company's name. */
export async function companyName(db: DbOrTrx, id: string): Promise<string> {
  const c = await db.selectFrom('companies').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  return c.name;
}

/**
 * Locks the company's row until the transaction ends, so that work guarded by it (F-6: the quota check
 * of concurrent uploads) runs one at a time per company. False when there is no such company.
 */
export async function lockCompany(trx: DbOrTrx, id: string): Promise<boolean> {
  const row = await trx.selectFrom('companies').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/**
 * The active profiles subscribed to "Security updates and alerts" (F-7), as a derived table; the
 * caller narrows it to the companies that may download a patch.
 */
export function securityNewsSubscribers(db: DbOrTrx) {
  return db
    .selectFrom('profiles')
    .select(['id', 'company_id', 'email', 'name'])
    .where('status', '=', 'active')
    .where('news_security', '=', true);
}
