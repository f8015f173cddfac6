import { type Actor, recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import { verifyPassword } from '../../core/password.js';
import { lockedMail } from './mails.js';
import { createSession, type NewSession } from './sessions.js';

export interface LogInInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
}

type Table = 'profiles' | 'staff_users';

/**
 * log-in by e-mail and password. Unknown e-mails cost the same hashing time and get the same
 * 401 as a wrong password. After `lockoutAttempts` failures in a row the account is blocked (423)
 * until a password reset or a staff action.
 */
export async function logIn(
  ctx: AppContext,
  kind: 'profile' | 'staff',
  input: LogInInput,
): Promise<NewSession & { id: string }> {
  const table: Table = kind === 'profile' ? 'profiles' : 'staff_users';
  const email = input.email.trim().toLowerCase();
  const account = await findAccount(ctx, table, email);
  const ok = await verifyPassword(account?.password_hash, input.password);
  if (!account?.active) throw new AppError('invalid-credentials', 'E-mail or password is wrong.');
  const now = ctx.clock.now();
  if (account.locked_at) throw lockedError();

  if (!ok) {
    const locked = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable(table)
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', account.id)
        .returning(['failed_logins', 'locked_at'])
        .executeTakeFirstOrThrow();
      if (row.failed_logins < ctx.config.lockoutAttempts || row.locked_at) return false;
      await trx.updateTable(table).set({ locked_at: now }).where('id', '=', account.id).execute();
      await recordAudit(trx, {
        actor: { kind: 'anonymous' },
        action: `${kind}.locked`,
        entity: kind,
        entityId: account.id,
        companyId: account.company_id,
        after: { failedLogins: row.failed_logins },
        ip: input.ip,
        at: now,
      });
      const link = `${ctx.config.publicUrl}/forgot-password`;
      await queueMail(trx, lockedMail(account.email, account.name, link), now, ctx.mailDomain);
      return true;
    });
    if (locked) {
      void ctx.jobs.kick('mail-deliver').catch(() => {});
      throw lockedError();
    }
    throw new AppError('invalid-credentials', 'E-mail or password is wrong.');
  }

  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable(table).set({ failed_logins: 0, last_login_at: now }).where('id', '=', account.id).execute();
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
      companyId: account.company_id,
      after: { userAgent: input.userAgent.slice(0, 200) },
      ip: input.ip,
      at: now,
    });
    return { ...session, id: account.id };
  });
}

function lockedError() {
  return new AppError(
    'account-locked',
    'This account is blocked after too many failed log-ins. Reset your password to unblock it, or ask your company owner or our staff.',
  );
}

async function findAccount(ctx: AppContext, table: Table, email: string) {
  if (table === 'profiles') {
    const p = await ctx.db
      .selectFrom('profiles')
      .select(['id', 'email', 'name', 'password_hash', 'locked_at', 'status', 'company_id', 'role'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    if (!p) return undefined;
    const actor: Actor = {
      kind: 'profile',
      id: p.id,
      companyId: p.company_id,
      role: p.role,
      email: p.email,
      name: p.name,
    };
    return { ...p, active: p.status === 'active', actor };
  }
  const s = await ctx.db
    .selectFrom('staff_users')
    .select(['id', 'email', 'name', 'password_hash', 'locked_at', 'disabled', 'role'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst();
  if (!s) return undefined;
  const actor: Actor = { kind: 'staff', id: s.id, role: s.role, email: s.email, name: s.name };
  return { ...s, company_id: null, active: !s.disabled, actor };
}
