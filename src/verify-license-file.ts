/**
 * Clientele license file verification (L-10), for the vendor's own software.
 *
 * Copy this file into your product: it needs only Node's `crypto` module. Your software checks
 * its license file offline with the public key published at `/api/v1/licenses/public-key`
 * (PEM). A file is valid when its Ed25519 signature over the canonical JSON of its payload matches,
 * and it has not expired.
 */
import { createPublicKey, verify } from 'node:crypto';

export interface LicensePayload {
  key: string;
  url: string;
  products: { product: string; version: string | null }[];
  /** ISO time after which the file is no longer valid; null for a perpetual license file. */
  expiresAt: string | null;
  issuedAt: string;
}

export interface LicenseFile {
  format: 'clientele-license/1';
  alg: 'Ed25519';
  payload: LicensePayload;
  /** base64url Ed25519 signature of canonicalJson(payload). */
  signature: string;
}

export type VerifyResult =
  | { valid: true; payload: LicensePayload }
  | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'not-yet-valid' };

/** JSON with object keys sorted at every level and no spaces: the exact bytes that are signed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Checks a license file (its JSON text or the parsed object) against the vendor's public key (PEM).
 * `now` defaults to the system time; pass your own clock to test.
 */
export function verifyLicenseFile(file: string | unknown, publicKeyPem: string, now: Date = new Date()): VerifyResult {
  let parsed: unknown = file;
  if (typeof file === 'string') {
    try {
      parsed = JSON.parse(file);
    } catch {
      return { valid: false, reason: 'malformed' };
    }
  }
  const f = parsed as Partial<LicenseFile> | null;
  if (
    f?.format !== 'clientele-license/1' ||
    f.alg !== 'Ed25519' ||
    typeof f.signature !== 'string' ||
    typeof f.payload !== 'object' ||
    !f.payload
  ) {
    return { valid: false, reason: 'malformed' };
  }
  let ok = false;
  try {
    ok = verify(
      null,
      Buffer.from(canonicalJson(f.payload)),
      createPublicKey(publicKeyPem),
      Buffer.from(f.signature, 'base64url'),
    );
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (!ok) return { valid: false, reason: 'bad-signature' };
  const issued = Date.parse(f.payload.issuedAt);
  if (Number.isNaN(issued)) return { valid: false, reason: 'malformed' };
  // Allow five minutes of clock skew between the vendor's server and the installation.
  if (issued - 5 * 60_000 > now.getTime()) return { valid: false, reason: 'not-yet-valid' };
  if (
    f.payload.expiresAt !== null &&
    f.payload.expiresAt !== undefined &&
    Date.parse(f.payload.expiresAt) <= now.getTime()
  ) {
    return { valid: false, reason: 'expired' };
  }
  return { valid: true, payload: f.payload };
}
