import type { Generated, Kysely, Transaction } from 'kysely';
import type { DbOrTrx } from './index.js';

/** The log-in columns that the tables of people (customer profiles, staff users) share. */
interface CredentialColumns {
  id: string;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_at: Date | null;
  last_login_at: Date | null;
  updated_at: Date;
}
type PeopleDb = Kysely<Record<string, CredentialColumns>> | Transaction<Record<string, CredentialColumns>>;

/**
 * The writes of A-5…A-7 (failed log-ins, lock, log-in, new password) on the owner's own table of
 * people. The owning module passes its table, so core names none, and the two owners share one
 * implementation.
 */
export function credentialWrites(table: string) {
  const on = (db: DbOrTrx) => db as unknown as PeopleDb;
  return {
    async countFailedLogin(db: DbOrTrx, id: string): Promise<{ failedLogins: number; lockedAt: Date | null }> {
      const row = await on(db)
        .updateTable(table)
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', id)
        .returning(['failed_logins', 'locked_at'])
        .executeTakeFirstOrThrow();
      return { failedLogins: row.failed_logins, lockedAt: row.locked_at };
    },
    async lock(db: DbOrTrx, id: string, now: Date): Promise<void> {
      await on(db).updateTable(table).set({ locked_at: now }).where('id', '=', id).execute();
    },
    async loggedIn(db: DbOrTrx, id: string, now: Date): Promise<void> {
      await on(db).updateTable(table).set({ failed_logins: 0, last_login_at: now }).where('id', '=', id).execute();
    },
    async setPassword(db: DbOrTrx, id: string, hash: string, now: Date, options: { unlock: boolean }): Promise<void> {
      await on(db)
        .updateTable(table)
        .set(
          options.unlock
            ? { password_hash: hash, failed_logins: 0, locked_at: null, updated_at: now }
            : { password_hash: hash, updated_at: now },
        )
        .where('id', '=', id)
        .execute();
    },
  };
}
