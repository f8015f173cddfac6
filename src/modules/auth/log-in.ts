import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import { verifyPassword } from '../../core/password.js';
import { profileCredentials } from '../accounts/index.js';
import { staffCredentials } from '../staff/index.js';
import { lockedMail } from './mails.js';
import { createSession, type NewSession } from './sessions.js';

export interface LogInInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
}

/**
 * log-in by e-mail and password. Unknown e-mails cost the same hashing time and get the same
 * 401 as a wrong password. After `lockoutAttempts` failures in a row the account is blocked (423)
 * until a password reset or a staff action. A-13: a sign-up whose address is not confirmed gets a
 * 403 `email-unconfirmed` for the right password (and the plain 401 for a wrong one).
 */
export async function logIn(
  ctx: AppContext,
  kind: 'profile' | 'staff',
  input: LogInInput,
): Promise<NewSession & { id: string }> {
  const store = kind === 'profile' ? profileCredentials : staffCredentials;
  const email = input.email.trim().toLowerCase();
  const account = await store.byEmail(ctx.db, email);
  const ok = await verifyPassword(account?.passwordHash, input.password);
  if (!account?.active) throw new AppError('invalid-credentials', 'E-mail or password is wrong.');
  const now = ctx.clock.now();
  if (account.lockedAt) throw lockedError();

  if (!ok) {
    const locked = await inTransaction(ctx.db, async (trx) => {
      const row = await store.countFailedLogin(trx, account.id);
      if (row.failedLogins < ctx.config.lockoutAttempts || row.lockedAt) return false;
      await store.lock(trx, account.id, now);
      await recordAudit(trx, {
        actor: { kind: 'anonymous' },
        action: `${kind}.locked`,
        entity: kind,
        entityId: account.id,
        companyId: account.companyId,
        after: { failedLogins: row.failedLogins },
        ip: input.ip,
        at: now,
      });
      // an unconfirmed address gets no mail but its confirmation link (the reset it would suggest never comes).
      if (account.emailConfirmed) {
        const link = `${ctx.config.publicUrl}/forgot-password`;
        await queueMail(trx, lockedMail(account.email, account.name, link), now, ctx.mailDomain);
      }
      return true;
    });
    if (locked) {
      void ctx.jobs.kick('mail-deliver').catch(() => {});
      throw lockedError();
    }
    throw new AppError('invalid-credentials', 'E-mail or password is wrong.');
  }
  // only now, with the right password, is the caller told the address is unconfirmed.
  if (!account.emailConfirmed) throw unconfirmedError(account.email);

  return inTransaction(ctx.db, async (trx) => {
    await store.loggedIn(trx, account.id, now);
    const session = await createSession(
      trx,
      kind === 'profile' ? { profileId: account.id } : { staffId: account.id },
      input,
      now,
      ctx.config.sessionDays,
    );
    // A security trail: who logged in, when, from where (the session itself is not logged).
    await recordAudit(trx, {
      actor: account.actor,
      action: `${kind}.logged-in`,
      entity: kind,
      entityId: account.id,
      companyId: account.companyId,
      after: { userAgent: input.userAgent.slice(0, 200) },
      ip: input.ip,
      at: now,
    });
    return { ...session, id: account.id };
  });
}

function unconfirmedError(email: string) {
  return new AppError(
    'email-unconfirmed',
    `Confirm your e-mail address first: open the link we mailed to ${email} when you signed up, then log in. No mail, or the link has expired? Have it sent again.`,
  );
}

function lockedError() {
  return new AppError(
    'account-locked',
    'This account is blocked after too many failed log-ins. Reset your password to unblock it, or ask your company owner or our staff.',
  );
}
