import type { DbOrTrx } from '../../core/db/index.js';

/** What a company may download (F-4, F-5): the products on its Active licenses, with the version of each. */
export interface Entitlement {
  licenseId: string;
  licenseKey: string;
  productId: string;
  version: string;
}

/** F-4: products on the company's Active (hence accepted) licenses, one row per license and product. */
export async function listEntitlements(db: DbOrTrx, companyId: string): Promise<Entitlement[]> {
  const rows = await db
    .selectFrom('licenses as l')
    .innerJoin('license_items as i', 'i.license_id', 'l.id')
    .select(['l.id as licenseId', 'l.key as licenseKey', 'i.product_id as productId', 'i.version'])
    .where('l.company_id', '=', companyId)
    .where('l.state', '=', 'active')
    .orderBy('l.created_at')
    .execute();
  return rows;
}

/** F-4: how many of the company's licenses are still Pending or Not accepted, to tell why files are hidden. */
export async function countLicensesByState(
  db: DbOrTrx,
  companyId: string,
): Promise<Record<'pending' | 'not_accepted' | 'active' | 'revoked', number>> {
  const rows = await db
    .selectFrom('licenses')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('company_id', '=', companyId)
    .groupBy('state')
    .execute();
  const out = { pending: 0, not_accepted: 0, active: 0, revoked: 0 };
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/**
 * F-7: the companies holding an Active license with the product on it, as a subquery of `company_id`
 * for another module's `where(column, 'in', …)`.
 */
export function activeLicenseHolders(db: DbOrTrx, productId: string) {
  return db
    .selectFrom('licenses as l')
    .innerJoin('license_items as i', 'i.license_id', 'l.id')
    .select('l.company_id')
    .where('l.state', '=', 'active')
    .where('i.product_id', '=', productId);
}

/**
 * F-5: a license of the company by its key exactly as stored (upper case), in any state, with its
 * main product's name and slug; undefined when the company has no such license.
 */
export function companyLicenseWithProduct(db: DbOrTrx, companyId: string, key: string) {
  return db
    .selectFrom('licenses as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'l.id',
      'l.key',
      'l.state',
      'l.brand_id',
      'l.product_id',
      'p.name as product_name',
      'p.slug as product_slug',
    ])
    .where('l.key', '=', key)
    .where('l.company_id', '=', companyId)
    .executeTakeFirst();
}

/** F-5: the products on a license (main product and modules) with the version of each, by product name. */
export function licenseProductVersions(
  db: DbOrTrx,
  licenseId: string,
): Promise<{ productId: string; version: string; name: string; slug: string }[]> {
  return db
    .selectFrom('license_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .select(['i.product_id as productId', 'i.version', 'p.name', 'p.slug'])
    .where('i.license_id', '=', licenseId)
    .orderBy('p.name')
    .execute();
}
