import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { License } from './tables.js';
import { notFound } from '../../core/errors.js';
import { normalizeLicenseKey } from './license-key.js';

export interface LicenseItemRow {
  license_id: string;
  product_id: string;
  product_name: string;
  product_kind: 'main' | 'module' | 'free';
  version: string;
}

/** A license of the caller's company by key; another company's key, or a malformed one, is 404 (no leak). */
export async function findCompanyLicense(
  db: DbOrTrx,
  companyId: string,
  rawKey: string,
  forUpdate = false,
): Promise<License> {
  const key = normalizeLicenseKey(rawKey);
  if (!key) throw notFound('This license');
  let q = db.selectFrom('licenses').selectAll().where('key', '=', key).where('company_id', '=', companyId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('This license');
  return row;
}

export async function findLicenseByKey(db: DbOrTrx, rawKey: string, forUpdate = false): Promise<License> {
  const key = normalizeLicenseKey(rawKey);
  if (!key) throw notFound('This license');
  let q = db.selectFrom('licenses').selectAll().where('key', '=', key);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('This license');
  return row;
}

/** The products on several licenses in one query (no N+1), main product first. */
export async function licenseItems(db: DbOrTrx, licenseIds: string[]): Promise<Map<string, LicenseItemRow[]>> {
  const out = new Map<string, LicenseItemRow[]>();
  if (licenseIds.length === 0) return out;
  const rows = await db
    .selectFrom('license_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .select(['i.license_id', 'i.product_id', 'p.name as product_name', 'p.kind as product_kind', 'i.version'])
    .where('i.license_id', 'in', licenseIds)
    .orderBy(sql`p.kind = 'main'`, 'desc')
    .orderBy('p.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.license_id) ?? [];
    list.push(r);
    out.set(r.license_id, list);
  }
  return out;
}

export async function licenseSubscriptions(db: DbOrTrx, licenseIds: string[]) {
  const out = new Map<string, { id: string; name: string; expires_at: Date }[]>();
  if (licenseIds.length === 0) return out;
  const rows = await db
    .selectFrom('license_subscriptions')
    .select(['id', 'license_id', 'name', 'expires_at'])
    .where('license_id', 'in', licenseIds)
    .orderBy('expires_at')
    .execute();
  for (const r of rows) {
    const list = out.get(r.license_id) ?? [];
    list.push(r);
    out.set(r.license_id, list);
  }
  return out;
}

/** Open URL changes waiting for a fee, and open transfer requests, for the given licenses. */
export async function openRequests(db: DbOrTrx, licenseIds: string[]) {
  const urlChanges = new Map<string, { id: string; to_url: string; requested_at: Date }>();
  const transfers = new Map<string, { id: string; to_email: string; requested_at: Date }>();
  if (licenseIds.length === 0) return { urlChanges, transfers };
  const [u, t] = await Promise.all([
    db
      .selectFrom('license_url_changes')
      .select(['id', 'license_id', 'to_url', 'requested_at'])
      .where('license_id', 'in', licenseIds)
      .where('state', '=', 'fee_due')
      .execute(),
    db
      .selectFrom('license_transfers')
      .select(['id', 'license_id', 'to_email', 'requested_at'])
      .where('license_id', 'in', licenseIds)
      .where('state', '=', 'requested')
      .execute(),
  ]);
  for (const r of u) urlChanges.set(r.license_id, r);
  for (const r of t) transfers.set(r.license_id, r);
  return { urlChanges, transfers };
}

export async function brandNames(
  db: DbOrTrx,
  brandIds: string[],
): Promise<Map<string, { name: string; shop_url: string }>> {
  const out = new Map<string, { name: string; shop_url: string }>();
  if (brandIds.length === 0) return out;
  const rows = await db
    .selectFrom('brands')
    .select(['id', 'name', 'shop_url'])
    .where('id', 'in', [...new Set(brandIds)])
    .execute();
  for (const r of rows) out.set(r.id, r);
  return out;
}

/** The company's licenses among these keys (upper case), with their product (T-2: a ticket's licenses). */
export function companyLicensesByKeys(db: DbOrTrx, companyId: string, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('licenses as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.id', 'l.key', 'l.product_id', 'p.name as product_name'])
    .where('l.company_id', '=', companyId)
    .where('l.key', 'in', [...keys])
    .execute();
}

/** Whether `version` is a release of the product (L-9). */
export async function isReleaseOf(db: DbOrTrx, productId: string, version: string): Promise<boolean> {
  const r = await db
    .selectFrom('releases')
    .select('id')
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .executeTakeFirst();
  return !!r;
}

/** License keys as a derived table, for another module's one-query join (a ticket's licenses). */
export function licenseKeysTable(db: DbOrTrx) {
  return db.selectFrom('licenses').select(['id', 'key']);
}

/** The names of the given products, by id (one query). */
export async function productNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** S-1: every license of a company with its main product's name, oldest first (the support page's plans). */
export function companyLicenseSummaries(db: DbOrTrx, companyId: string) {
  return db
    .selectFrom('licenses as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.id', 'l.key', 'l.state', 'l.product_id', 'p.name as product_name', 'l.created_at'])
    .where('l.company_id', '=', companyId)
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
}
