import type { AppContext } from '../../core/context.js';
import type { DbOrTrx, Trx } from '../../core/db/index.js';
import { emailTakenError } from '../auth/index.js';
import { isProfileEmailTaken, queueInvitation } from './create-profile.js';
import type { Profile } from './tables.js';

/**
 * a new customer company with its primary profile, already holding a password (sign-up).
 * `emailConfirmedAt` null leaves the address to be confirmed before the profile can log in.
 * An e-mail in use by any profile or staff user answers `email-taken` on the e-mail field; the
 * caller's transaction then rolls back, company included.
 */
export async function createCompanyWithPrimary(
  trx: DbOrTrx,
  input: {
    companyName: string;
    name: string;
    email: string;
    passwordHash: string;
    emailConfirmedAt: Date | null;
    now: Date;
  },
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
        email_confirmed_at: input.emailConfirmedAt,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { companyId: company.id, profileId: profile.id };
  } catch (err) {
    if (isProfileEmailTaken(err))
      throw emailTakenError('email', 'An account with this e-mail already exists. Log in or reset your password.');
    throw err;
  }
}

/**
 * A-1 / L-7: a new customer company whose primary profile has no password yet; the person is
 * invited by mail to choose one (staff approving a license transfer to a new customer). They can
 * log in only after choosing it through the mailed link, which proves the address: no separate
 * confirmation. An address in use answers `email-taken` on `account.email`.
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
      email_confirmed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((err) => {
      throw isProfileEmailTaken(err) ? emailTakenError('account.email') : err;
    });
  await queueInvitation(ctx, trx, primary, now);
  return { companyId: company.id, primary };
}

/**
 * frees an address held by a sign-up that never confirmed it, once its link has expired
 * (`unconfirmedBefore`): otherwise anybody could sign up with someone else's address and keep its
 * owner out for good. The stale profile keeps its company but gets an address that cannot receive
 * mail or be signed up with, so it can never log in. Returns the freed profile's id, if any.
 */
export async function releaseUnconfirmedAddress(
  trx: DbOrTrx,
  email: string,
  unconfirmedBefore: Date,
  now: Date,
): Promise<string | undefined> {
  const stale = await trx
    .selectFrom('profiles')
    .select(['id'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('email_confirmed_at', 'is', null)
    .where('created_at', '<', unconfirmedBefore)
    .forUpdate()
    .executeTakeFirst();
  if (!stale) return undefined;
  await trx
    .updateTable('profiles')
    .set({ email: `released-${stale.id}@unconfirmed.invalid`, updated_at: now })
    .where('id', '=', stale.id)
    .execute();
  return stale.id;
}
