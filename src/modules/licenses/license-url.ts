import { getDomain } from 'tldts';
import { AppError } from '../../core/errors.js';

/** A store address (L-1, L-5), normalized: scheme, lower-case host (IDN as punycode), path without trailing slash. */
export interface StoreUrl {
  url: string;
  host: string;
  /** The domain a person registers: `example.co.uk` for `shop.example.co.uk` (public suffix list). */
  registrableDomain: string;
  path: string;
}

const invalidUrl = (field: string, message: string) => new AppError('validation-failed', message, [{ field, message }]);

/**
 * Parses the URL a customer gives for a license. Only http(s) addresses of a named host or an IP
 * are accepted (never `javascript:`, `data:`, credentials, or a bare word); query and fragment are
 * dropped. Hosting platforms' subdomains (e.g. `shop.myshopify.com`) count as their own domains,
 * because a different customer owns each.
 */
export function parseStoreUrl(input: string, field = 'url'): StoreUrl {
  const raw = input.trim();
  if (raw.length > 2000) throw invalidUrl(field, 'The address is too long.');
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw invalidUrl(field, 'Enter the address of your store, like https://shop.example.com.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw invalidUrl(field, 'Only http:// and https:// addresses can be used.');
  if (u.username || u.password) throw invalidUrl(field, 'The address must not contain a user name or password.');
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  const domain = isIp ? host : getDomain(host, { allowPrivateDomains: true });
  if (!domain) throw invalidUrl(field, 'The address has no registrable domain (like example.com).');
  const path = u.pathname.replace(/\/+$/, '') || '';
  const port = u.port ? `:${u.port}` : '';
  return { url: `${u.protocol}//${host}${port}${path}`, host: `${host}${port}`, registrableDomain: domain, path };
}

export type UrlChange = 'same' | 'folder' | 'subdomain' | 'domain';

/**
 * L-5: what kind of change moving a license from one address to another is. A folder change and a
 * third-level (sub)domain change are free; a change of registrable domain follows the domain rules.
 * http ↔ https on the same host and path is "same".
 */
export function classifyUrlChange(from: StoreUrl, to: StoreUrl): UrlChange {
  if (from.registrableDomain !== to.registrableDomain) return 'domain';
  if (from.host !== to.host) return 'subdomain';
  if (from.path !== to.path) return 'folder';
  return 'same';
}
