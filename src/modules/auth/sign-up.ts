import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { hashNewPassword } from '../../core/password.js';
import { createCompanyWithPrimary } from '../accounts/index.js';
import { createSession, type NewSession } from './sessions.js';

export interface SignUpInput {
  companyName: string;
  name: string;
  email: string;
  password: string;
  ip: string;
  userAgent: string;
}

/** A new customer: a company with its primary profile, signed in at once. */
export async function signUp(ctx: AppContext, input: SignUpInput): Promise<NewSession & { profileId: string }> {
  if (ctx.config.signup === 'closed')
    throw new AppError('forbidden', 'Sign-up is closed; ask the vendor for an account.');
  const passwordHash = await hashNewPassword(input.password, input, ctx.config.passwordMinLength);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { companyId, profileId } = await createCompanyWithPrimary(trx, {
      companyName: input.companyName,
      name: input.name,
      email: input.email,
      passwordHash,
      // Confirmed at once for now; A-13's confirmation by mail comes with the next change.
      emailConfirmedAt: now,
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
    const session = await createSession(trx, { profileId }, input, now, ctx.config.sessionDays);
    return { ...session, profileId };
  });
}
