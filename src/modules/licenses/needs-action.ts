import { type ExpressionBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { Database } from '../../core/db/schema.js';
import { compareVersions } from './version-marks.js';

/**
 * What a primary must do about the company's licenses (the home page and My licenses'
 * `needs=action`): accept the agreement of a Not accepted license (L-3), pay the renewal fee of a
 * domain change (L-5), see through a transfer the company asked for (L-7, outgoing, still open).
 * Transfers offered to the company (incoming) are listed apart, to be accepted or declined.
 */
export function needsAction(eb: ExpressionBuilder<Database, 'licenses'>) {
  return eb.or([
    eb('licenses.state', '=', 'not_accepted'),
    eb.exists(
      eb
        .selectFrom('license_url_changes as c')
        .select(sql`1`.as('one'))
        .whereRef('c.license_id', '=', 'licenses.id')
        .where('c.state', '=', 'fee_due'),
    ),
    eb.exists(
      eb
        .selectFrom('license_transfers as t')
        .select(sql`1`.as('one'))
        .whereRef('t.license_id', '=', 'licenses.id')
        .where('t.state', '=', 'requested'),
    ),
  ]);
}

export interface LicensesNeedingAction {
  /** Licenses of the company with at least one of the three below (a license counts once). */
  total: number;
  notAccepted: number;
  feeDue: number;
  transfersOut: number;
  /** Transfers offered to the company, waiting for its primary to accept or decline. */
  transfersIn: number;
}

/**
 * The counts of licensesNeedingAction, per company: the company's licenses through
 * licenses_company_idx, each probed in the one-open-row unique indexes of fee-due URL changes and
 * open transfers; incoming transfers through license_transfers_to_idx.
 */
export async function licensesNeedingAction(db: DbOrTrx, companyId: string): Promise<LicensesNeedingAction> {
  const [own, incoming] = await Promise.all([
    db
      .selectFrom('licenses')
      .select((eb) => [
        sql<string>`count(*) FILTER (WHERE ${needsAction(eb)})`.as('total'),
        sql<string>`count(*) FILTER (WHERE licenses.state = 'not_accepted')`.as('notAccepted'),
        sql<string>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM license_url_changes c WHERE c.license_id = licenses.id AND c.state = 'fee_due'))`.as(
          'feeDue',
        ),
        sql<string>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM license_transfers t WHERE t.license_id = licenses.id AND t.state = 'requested'))`.as(
          'transfersOut',
        ),
      ])
      .where('licenses.company_id', '=', companyId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('license_transfers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('to_company_id', '=', companyId)
      .where('state', '=', 'requested')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(own.total),
    notAccepted: Number(own.notAccepted),
    feeDue: Number(own.feeDue),
    transfersOut: Number(own.transfersOut),
    transfersIn: Number(incoming.n),
  };
}

/**
 * The home page's "new releases": releases dated `sinceDay` (YYYY-MM-DD) or later of the products on
 * the company's Active licenses, newer than the version the license has of that product (what the
 * company could upgrade to). Through licenses_company_idx, license_items' (license_id, product_id)
 * key and releases_product_idx (product_id, released_on DESC); newest first, each release once.
 */
export async function newReleasesForCompany(db: DbOrTrx, companyId: string, sinceDay: string) {
  const rows = await db
    .selectFrom('licenses as l')
    .innerJoin('license_items as i', 'i.license_id', 'l.id')
    .innerJoin('releases as r', 'r.product_id', 'i.product_id')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .select(['r.id', 'r.version', 'r.released_on', 'p.name as product', 'i.version as held'])
    .where('l.company_id', '=', companyId)
    .where('l.state', '=', 'active')
    .where('r.released_on', '>=', sinceDay)
    .execute();
  const seen = new Map<string, { product: string; version: string; releasedOn: string }>();
  for (const r of rows)
    if (!seen.has(r.id) && (!r.held || compareVersions(r.version, r.held) > 0))
      seen.set(r.id, { product: r.product, version: r.version, releasedOn: String(r.released_on).slice(0, 10) });
  return [...seen.values()].sort((a, b) => b.releasedOn.localeCompare(a.releasedOn));
}
