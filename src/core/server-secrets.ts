import type { Db, DbOrTrx } from './db/index.js';

/** The secrets the migrations create (db/migrations/0009_inbound_auth.sql). */
export type ServerSecretName = 'mail-reply-token';

const cache = new WeakMap<Db, Map<ServerSecretName, Promise<Buffer>>>();

/**
 * A key the app made once, in the database (`server_secrets`), so every app server on it and every
 * restart agree. Read once per database and kept in memory; `conn` may be the caller's transaction
 * (on PGlite a read on `db` inside one would wait for itself). The row is written by a migration,
 * never by a transaction that could roll back, so the cached value is always the stored one.
 */
export function serverSecret(db: Db, name: ServerSecretName, conn: DbOrTrx = db): Promise<Buffer> {
  let byName = cache.get(db);
  if (!byName) {
    byName = new Map();
    cache.set(db, byName);
  }
  let secret = byName.get(name);
  if (!secret) {
    secret = conn
      .selectFrom('server_secrets')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirstOrThrow(() => new Error(`The server secret ${name} is missing: run the migrations.`))
      .then((r) => r.value);
    byName.set(name, secret);
    // A failed read is not remembered: the next call asks the database again.
    secret.catch(() => byName?.delete(name));
  }
  return secret;
}
