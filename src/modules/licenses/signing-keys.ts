import type { Db } from '../../core/db/index.js';
import { generateSigningKeys, loadSigningKeys, type SigningKeys } from './license-file.js';

const cache = new WeakMap<Db, Promise<SigningKeys>>();

/**
 * L-10: the vendor's Ed25519 key pair for license files. Made on first use and kept in the
 * database, so every app process signs with the same key and the public key never changes under
 * the installed base (`ON CONFLICT DO NOTHING`: two processes starting at once agree on one key).
 */
export function signingKeys(db: Db, now: Date): Promise<SigningKeys> {
  let p = cache.get(db);
  if (!p) {
    p = (async () => {
      const fresh = generateSigningKeys();
      await db
        .insertInto('signing_keys')
        .values({
          id: 'license-files',
          private_key_pem: fresh.privateKeyPem,
          public_key_pem: fresh.publicKeyPem,
          created_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const row = await db
        .selectFrom('signing_keys')
        .select('private_key_pem')
        .where('id', '=', 'license-files')
        .executeTakeFirstOrThrow();
      return loadSigningKeys(row.private_key_pem);
    })();
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}
