import { recordAudit } from '../../core/audit.js';
import { addDays } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { invalid } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import { hashNewPassword } from '../../core/password.js';
import { randomToken, sha256 } from '../../core/secrets.js';
import { passwordResetMail } from './mails.js';
import { revokeAllSessions } from './sessions.js';

export const resetMailsPerHour = 3;

/**
 * mails a single-use link valid 24 hours when the e-mail belongs to an active profile (or staff
 * user); answers the same either way, so nobody learns whether an e-mail is registered.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, ip: string): Promise<void> {
  const lower = email.trim().toLowerCase();
  const now = ctx.clock.now();
  const profile = await ctx.db
    .selectFrom('profiles')
    .select(['id', 'email', 'name', 'company_id'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', lower))
    .where('status', '=', 'active')
    .executeTakeFirst();
  const staff = profile
    ? undefined
    : await ctx.db
        .selectFrom('staff_users')
        .select(['id', 'email', 'name'])
        .where((eb) => eb(eb.fn('lower', ['email']), '=', lower))
        .where('disabled', '=', false)
        .executeTakeFirst();
  const owner = profile ?? staff;
  if (!owner) return;
  // Nobody can flood a person's inbox with reset mail: a few links an hour is plenty.
  const recent = await ctx.db
    .selectFrom('password_reset_tokens')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(profile ? 'profile_id' : 'staff_id', '=', owner.id)
    .where('purpose', '=', 'reset')
    .where('created_at', '>', new Date(now.getTime() - 3600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= resetMailsPerHour) return;
  await ctx.db.transaction().execute(async (trx) => {
    const token = await issueResetToken(
      trx,
      profile ? { profileId: owner.id } : { staffId: owner.id },
      'reset',
      now,
      1,
    );
    const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await queueMail(trx, passwordResetMail(owner.email, owner.name, link), now, ctx.mailDomain);
    await recordAudit(trx, {
      actor: { kind: 'anonymous' },
      action: 'password-reset.requested',
      entity: profile ? 'profile' : 'staff',
      entityId: owner.id,
      companyId: profile?.company_id ?? null,
      ip,
      at: now,
    });
  });
  void ctx.jobs.kick('mail-deliver').catch(() => {});
}

/** Creates a reset (or invitation) token; returns the secret for the link, stores only its hash. */
export async function issueResetToken(
  db: DbOrTrx,
  owner: { profileId: string } | { staffId: string },
  purpose: 'reset' | 'invite',
  now: Date,
  validDays: number,
): Promise<string> {
  const token = randomToken(32);
  await db
    .insertInto('password_reset_tokens')
    .values({
      token_hash: sha256(token),
      profile_id: 'profileId' in owner ? owner.profileId : null,
      staff_id: 'staffId' in owner ? owner.staffId : null,
      purpose,
      created_at: now,
      expires_at: addDays(now, validDays),
    })
    .execute();
  return token;
}

const badToken = () =>
  invalid({ field: 'token', message: 'This link is invalid, was already used or has expired. Ask for a new one.' });

/**
 * sets a new password with a reset token. The token works once (a conditional update makes
 * two simultaneous uses impossible); the account is unblocked and all its sessions end.
 */
export async function confirmPasswordReset(
  ctx: AppContext,
  token: string,
  password: string,
  ip: string,
): Promise<{ kind: 'profile' | 'staff' }> {
  const now = ctx.clock.now();
  const hash = sha256(token);
  const row = await ctx.db
    .selectFrom('password_reset_tokens as t')
    .leftJoin('profiles as p', 'p.id', 't.profile_id')
    .leftJoin('staff_users as s', 's.id', 't.staff_id')
    .select([
      't.profile_id',
      't.staff_id',
      'p.email as p_email',
      'p.name as p_name',
      'p.company_id',
      'p.status',
      's.email as s_email',
      's.name as s_name',
      's.disabled',
    ])
    .where('t.token_hash', '=', hash)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now)
    .executeTakeFirst();
  if (!row || row.status === 'disabled' || row.disabled) throw badToken();
  const person = { email: row.p_email ?? row.s_email ?? '', name: row.p_name ?? row.s_name ?? '' };
  const passwordHash = await hashNewPassword(password, person, ctx.config.passwordMinLength);

  await ctx.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .returning('token_hash')
      .executeTakeFirst();
    if (!used) throw badToken();
    const owner = row.profile_id ? { profileId: row.profile_id } : { staffId: row.staff_id as string };
    const table = row.profile_id ? 'profiles' : 'staff_users';
    const id = row.profile_id ?? (row.staff_id as string);
    await trx
      .updateTable(table)
      .set({ password_hash: passwordHash, failed_logins: 0, locked_at: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    // Every other outstanding link of this person stops working too.
    let others = trx.updateTable('password_reset_tokens').set({ used_at: now }).where('used_at', 'is', null);
    others = row.profile_id ? others.where('profile_id', '=', row.profile_id) : others.where('staff_id', '=', id);
    await others.execute();
    await revokeAllSessions(trx, owner, now);
    await recordAudit(trx, {
      actor: { kind: 'anonymous' },
      action: 'password-reset.completed',
      entity: row.profile_id ? 'profile' : 'staff',
      entityId: id,
      companyId: row.company_id ?? null,
      ip,
      at: now,
    });
  });
  return { kind: row.profile_id ? 'profile' : 'staff' };
}
