import type { DbOrTrx, Trx } from './index.js';

/**
 * Runs `fn` in a transaction: a new one on the database, or the caller's when `db` already is one.
 * Use cases open their transactions through this, so a caller can run one inside a larger
 * transaction of its own (an Idempotency-Key request stores its answer in the transaction of its
 * effect, issue 19) without Kysely refusing a nested transaction.
 */
export async function inTransaction<T>(db: DbOrTrx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  return db.transaction().execute(fn);
}
