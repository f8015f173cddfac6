import type { DbOrTrx } from '../../core/db/index.js';
import { AppError, isUniqueViolation } from '../../core/errors.js';

/**
 * A-1 / A-13: one address is one person across profiles and staff users. The register
 * (email_addresses) is kept by the triggers of migration 0010 on the owners' tables, so a writer
 * learns that an address is taken from its own insert or update failing on the register's key.
 */
export function isEmailTaken(err: unknown): boolean {
  return isUniqueViolation(err, 'email_addresses_pkey');
}

/** The answer to an address in use: 409 `email-taken` on the field that carried it. */
export function emailTakenError(
  field = 'email',
  detail = 'This e-mail address is already used by another account.',
  fieldMessage = 'This e-mail address is already in use.',
) {
  return new AppError('email-taken', detail, [{ field, message: fieldMessage }]);
}

/**
 * Whether a profile or staff user has this address (any case). For telling a person early (a
 * transfer to a new customer is stored long before its profile is made); the register's key is
 * what refuses the address when it is written.
 */
export async function emailInUse(db: DbOrTrx, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('email_addresses')
    .select('email_lower')
    // lower() in SQL, as the triggers compute the key (not JavaScript's toLowerCase).
    .where((eb) => eb('email_lower', '=', eb.fn<string>('lower', [eb.val(email.trim())])))
    .executeTakeFirst();
  return row !== undefined;
}
