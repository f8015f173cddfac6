import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../core/config.js';
import { AppError } from '../../core/errors.js';

/** What a row holds sealed: everything the customer typed except the protocol. */
export interface AccessSecrets {
  host: string;
  port: number | null;
  username: string;
  password: string;
  privateKey: string;
  notes: string;
}

export interface SealedAccess {
  key_id: string;
  iv: Buffer;
  sealed: Buffer;
  auth_tag: Buffer;
}

/** A key's id: the start of its SHA-256, so a row names the key that sealed it without revealing it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('clientele-access-info\0').update(key).digest('hex').slice(0, 16);
}

/** The keys of a server: the one that seals, and every one it may open (the sealing one first). */
export interface KeyRing {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
}

/** T-18: the key ring of a configuration; null when no key is configured (the feature is off). */
export function keyRingOf(config: Pick<Config, 'accessInfo'>): KeyRing | null {
  const { key, previousKeys } = config.accessInfo;
  if (!key) return null;
  const byId = new Map<string, Buffer>([[keyId(key), key]]);
  for (const k of previousKeys) if (!byId.has(keyId(k))) byId.set(keyId(k), k);
  return { current: { id: keyId(key), key }, byId };
}

/**
 * T-18: AES-256-GCM with a fresh random 12-byte IV per record. The ticket's id is the additional
 * authenticated data: a sealed record copied onto another ticket's row does not open.
 */
export function seal(ring: KeyRing, ticketId: string, secrets: AccessSecrets): SealedAccess {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(ticketId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return { key_id: ring.current.id, iv, sealed, auth_tag: cipher.getAuthTag() };
}

/** Opens a sealed record; a changed byte, another ticket's record or a key this server lacks is a 409, never a 500. */
export function unseal(ring: KeyRing, ticketId: string, row: SealedAccess): AccessSecrets {
  const key = ring.byId.get(row.key_id);
  if (!key)
    throw new AppError(
      'conflict',
      'This access info was sealed with a key this server does not have (CLIENTELE_ACCESS_INFO_PREVIOUS_KEYS). Ask the customer to post it again.',
    );
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(row.iv));
    decipher.setAAD(Buffer.from(ticketId, 'utf8'));
    decipher.setAuthTag(Buffer.from(row.auth_tag));
    const plain = Buffer.concat([decipher.update(Buffer.from(row.sealed)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as AccessSecrets;
  } catch {
    throw new AppError(
      'conflict',
      'The stored access info failed its integrity check (it was altered or belongs to another ticket) and cannot be shown. Ask the customer to post it again.',
    );
  }
}
