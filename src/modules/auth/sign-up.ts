import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError, isUniqueViolation } from '../../core/errors.js';
import { hashNewPassword } from '../../core/password.js';
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
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const company = await trx
        .insertInto('companies')
        .values({ name: input.companyName, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const profile = await trx
        .insertInto('profiles')
        .values({
          company_id: company.id,
          role: 'primary',
          email: input.email,
          name: input.name,
          password_hash: passwordHash,
          last_login_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: { kind: 'anonymous' },
        action: 'company.signed-up',
        entity: 'company',
        entityId: company.id,
        companyId: company.id,
        after: { name: input.companyName, primary: input.email },
        ip: input.ip,
        at: now,
      });
      const session = await createSession(trx, { profileId: profile.id }, input, now, ctx.config.sessionDays);
      return { ...session, profileId: profile.id };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'profiles_email_key')) {
      throw new AppError('email-taken', 'An account with this e-mail already exists. Log in or reset your password.', [
        { field: 'email', message: 'This e-mail address is already in use.' },
      ]);
    }
    throw err;
  }
}
