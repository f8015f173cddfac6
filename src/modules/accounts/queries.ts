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

/**
 * Every profile's name (active or not) as a derived table, for another module to join on a profile id
 * (who uploaded a file, who wrote a message) in the same query; PostgreSQL flattens the subquery.
 */
export function profileNames(db: DbOrTrx) {
  return db.selectFrom('profiles').select(['id', 'name']);
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
