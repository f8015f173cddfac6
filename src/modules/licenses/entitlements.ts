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
