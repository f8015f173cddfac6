import type { AppContext } from '../../core/context.js';
import type { DbOrTrx, Trx } from '../../core/db/index.js';
import { AppError, isUniqueViolation } from '../../core/errors.js';
import { queueInvitation } from './create-profile.js';
import type { Profile } from './tables.js';

/**
 * a new customer company with its primary profile, already holding a password (sign-up).
 * An e-mail in use answers `email-taken` on the e-mail field.
 */
export async function createCompanyWithPrimary(
  trx: DbOrTrx,
  input: { companyName: string; name: string; email: string; passwordHash: string; now: Date },
): Promise<{ companyId: string; profileId: string }> {
  const { now } = input;
  const company = await trx
    .insertInto('companies')
    .values({ name: input.companyName, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const profile = await trx
      .insertInto('profiles')
      .values({
        company_id: company.id,
        role: 'primary',
        email: input.email,
        name: input.name,
        password_hash: input.passwordHash,
        last_login_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { companyId: company.id, profileId: profile.id };
  } catch (err) {
    if (isUniqueViolation(err, 'profiles_email_key')) {
      throw new AppError('email-taken', 'An account with this e-mail already exists. Log in or reset your password.', [
        { field: 'email', message: 'This e-mail address is already in use.' },
      ]);
    }
    throw err;
  }
}

/**
 * A-1 / L-7: a new customer company whose primary profile has no password yet; the person is
 * invited by mail to choose one (staff approving a license transfer to a new customer).
 */
export async function createInvitedCustomer(
  ctx: AppContext,
  trx: Trx,
  input: {
    company: { name: string; address?: string; phone?: string };
    account: { name: string; email: string; phone?: string };
  },
  now: Date,
): Promise<{ companyId: string; primary: Profile }> {
  const company = await trx
    .insertInto('companies')
    .values({
      name: input.company.name,
      address: input.company.address ?? '',
      phone: input.company.phone ?? '',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const primary = await trx
    .insertInto('profiles')
    .values({
      company_id: company.id,
      role: 'primary',
      email: input.account.email,
      name: input.account.name,
      phone: input.account.phone ?? '',
      password_hash: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await queueInvitation(ctx, trx, primary, now);
  return { companyId: company.id, primary };
}
