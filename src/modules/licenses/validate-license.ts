import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { LicensePayload } from '../../verify-license-file.js';
import { normalizeLicenseKey } from './license-key.js';
import { parseStoreUrl } from './license-url.js';

export type ValidationReason =
  | 'ok'
  | 'unknown'
  | 'malformed-key'
  | 'pending'
  | 'not-accepted'
  | 'url-mismatch'
  | 'revoked'
  | 'expired-subscription';

export interface ValidationResult {
  valid: boolean;
  reason: ValidationReason;
  products: { product: string; version: string }[];
  /** The latest subscription expiry, or null for a license without subscriptions. */
  expiresAt: string | null;
  key: string;
  url: string;
}

const hostOf = (h: string) => h.replace(/^www\./, '');

/**
 * Whether the address an installation reports is the license's: same host (a leading "www." is
 * ignored) and a path inside the license's folder. A license without a URL yet matches any.
 */
export function urlMatches(licenseUrl: string, reported: string): boolean {
  if (!licenseUrl) return true;
  const a = parseStoreUrl(licenseUrl);
  const b = parseStoreUrl(reported);
  if (hostOf(a.host) !== hostOf(b.host)) return false;
  return b.path === a.path || b.path.startsWith(`${a.path}/`) || a.path === '';
}

/**
 * L-10: the license check the vendor's software calls. One indexed query (the key's unique index,
 * products and subscription expiry folded in by subqueries) and no session work.
 * Reasons, in order: unknown key, pending purchase, revoked, agreement not accepted, every
 * subscription expired, URL mismatch.
 */
export async function validateLicense(
  db: DbOrTrx,
  input: { key: string; url?: string },
  now: Date,
): Promise<ValidationResult> {
  // A reported address that is not a store URL is bad input (400), whatever the key.
  if (input.url) parseStoreUrl(input.url);
  const key = normalizeLicenseKey(input.key);
  const empty = { valid: false, products: [], expiresAt: null, key: key ?? '', url: '' };
  if (!key) return { ...empty, reason: 'malformed-key' };
  const row = await db
    .selectFrom('licenses as l')
    .select([
      'l.state',
      'l.url',
      sql<
        { product: string; version: string }[]
      >`coalesce((select json_agg(json_build_object('product', p.slug, 'version', i.version) order by p.kind <> 'main', p.slug) from license_items i join products p on p.id = i.product_id where i.license_id = l.id), '[]'::json)`.as(
        'products',
      ),
      sql<Date | null>`(select max(s.expires_at) from license_subscriptions s where s.license_id = l.id)`.as(
        'expires_at',
      ),
    ])
    .where('l.key', '=', key)
    .executeTakeFirst();
  if (!row) return { ...empty, reason: 'unknown' };
  const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
  const base = { products: row.products, expiresAt: expiresAt?.toISOString() ?? null, key, url: row.url };
  const fail = (reason: ValidationReason): ValidationResult => ({ ...base, valid: false, reason });
  if (row.state === 'pending') return fail('pending');
  if (row.state === 'revoked') return fail('revoked');
  if (row.state === 'not_accepted') return fail('not-accepted');
  if (expiresAt && expiresAt <= now) return fail('expired-subscription');
  if (input.url !== undefined && input.url !== '' && !urlMatches(row.url, input.url)) return fail('url-mismatch');
  return { ...base, valid: true, reason: 'ok' };
}

/** How long a license file stays valid: the software fetches a fresh one well before this. */
export const licenseFileDays = 30;

/** L-10: the payload of a signed license file for a valid license. */
export function licensePayload(v: ValidationResult, now: Date): LicensePayload {
  const cap = new Date(now.getTime() + licenseFileDays * 86_400_000);
  const expires = v.expiresAt && new Date(v.expiresAt) < cap ? new Date(v.expiresAt) : cap;
  return {
    key: v.key,
    url: v.url,
    products: v.products.map((p) => ({ product: p.product, version: p.version || null })),
    expiresAt: expires.toISOString(),
    issuedAt: now.toISOString(),
  };
}
