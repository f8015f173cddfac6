import type { Actor } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';

/** A person who can log in, as auth sees them. The row belongs to accounts (a profile) or staff. */
export interface LoginAccount {
  id: string;
  email: string;
  name: string;
  companyId: string | null;
  active: boolean;
  passwordHash: string | null;
  lockedAt: Date | null;
  /** false for a self-service sign-up until its confirmation link is used (staff: always true). */
  emailConfirmed: boolean;
  actor: Actor;
}

/**
 * What auth needs from the module that owns a kind of person (accounts: profiles; staff: staff
 * users): finding them and keeping their password and log-in counters. Auth runs A-5…A-7 through it
 * without naming another module's table.
 */
export interface CredentialStore {
  kind: 'profile' | 'staff';
  /** By e-mail, compared case-insensitively (the argument is lower case). */
  byEmail(db: DbOrTrx, email: string): Promise<LoginAccount | undefined>;
  byId(db: DbOrTrx, id: string): Promise<LoginAccount | undefined>;
  /** Counts one failed log-in and returns the new count and the lock, if any. */
  countFailedLogin(db: DbOrTrx, id: string): Promise<{ failedLogins: number; lockedAt: Date | null }>;
  lock(db: DbOrTrx, id: string, now: Date): Promise<void>;
  /** A successful log-in: the failure count starts again. */
  loggedIn(db: DbOrTrx, id: string, now: Date): Promise<void>;
  /** A new password; `unlock` also clears the failure count and the lock (a reset). */
  setPassword(db: DbOrTrx, id: string, hash: string, now: Date, options: { unlock: boolean }): Promise<void>;
  /**
   * marks the address confirmed, once: true when this call confirmed it, false when it was
   * confirmed already (a conditional update, so two uses at once confirm it exactly once).
   */
  confirmEmail(db: DbOrTrx, id: string, now: Date): Promise<boolean>;
  /** The person's own time zone setting (IANA name), null when not set (the UI then uses the browser's). */
  timeZone(db: DbOrTrx, id: string): Promise<string | null>;
}
