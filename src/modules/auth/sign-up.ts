import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { hashNewPassword } from '../../core/password.js';
import { createCompanyWithPrimary, releaseUnconfirmedAddress } from '../accounts/index.js';
import { confirmLinkHours, queueEmailConfirmation } from './confirm-email.js';

export interface SignUpInput {
  companyName: string;
  name: string;
  email: string;
  password: string;
  ip: string;
  userAgent: string;
}

/**
 * a new customer, a company with its primary profile whose address is not confirmed
 * yet. Nobody is signed in: the profile is mailed a single-use link that expires, and can log in
 * once the link is opened. An address held by any profile or staff user is a 409 `email-taken`,
 * and then nothing is written.
 */
export async function signUp(ctx: AppContext, input: SignUpInput): Promise<{ email: string; expiresAt: Date }> {
  if (ctx.config.signup === 'closed')
    throw new AppError('forbidden', 'Sign-up is closed; ask the vendor for an account.');
  const passwordHash = await hashNewPassword(input.password, input, ctx.config.passwordMinLength);
  const now = ctx.clock.now();
  const expiresAt = await inTransaction(ctx.db, async (trx) => {
    // An earlier sign-up with this address that never confirmed it, its link expired: the address is free.
    const released = await releaseUnconfirmedAddress(
      trx,
      input.email,
      new Date(now.getTime() - confirmLinkHours * 3600_000),
      now,
    );
    if (released)
      await recordAudit(trx, {
        actor: { kind: 'anonymous' },
        action: 'profile.unconfirmed-address-released',
        entity: 'profile',
        entityId: released,
        after: { reason: 'a new sign-up with the address after the confirmation link expired' },
        ip: input.ip,
        at: now,
      });
    const { companyId, profileId } = await createCompanyWithPrimary(trx, {
      companyName: input.companyName,
      name: input.name,
      email: input.email,
      passwordHash,
      emailConfirmedAt: null,
      now,
    });
    await recordAudit(trx, {
      actor: { kind: 'anonymous' },
      action: 'company.signed-up',
      entity: 'company',
      entityId: companyId,
      companyId,
      after: { name: input.companyName, primary: input.email },
      ip: input.ip,
      at: now,
    });
    return queueEmailConfirmation(ctx, trx, { id: profileId, email: input.email, name: input.name }, now);
  });
  void ctx.jobs.kick('mail-deliver').catch(() => {});
  return { email: input.email, expiresAt };
}
