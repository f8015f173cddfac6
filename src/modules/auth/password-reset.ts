import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import { addDays } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { invalid } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import { hashNewPassword } from '../../core/password.js';
import { randomToken, sha256 } from '../../core/secrets.js';
import { passwordResetMail } from './mails.js';
import { profileCredentials } from '../accounts/index.js';
import { staffCredentials } from '../staff/index.js';
import { revokeAllApiTokens, revokeAllSessions, revokeResetLinks } from './sessions.js';
import type { TokenPurpose } from './tables.js';

export const resetMailsPerHour = 3;

/**
 * mails a single-use link valid 24 hours when the e-mail belongs to an active profile (or staff
 * user); answers the same either way, so nobody learns whether an e-mail is registered.
 * never to a sign-up whose address is not confirmed. Until then the only mail the account
 * gets is its confirmation link (one way in, with its own single-use, expiring link); the person who
 * signed up is told so when they log in, and can have the link sent again there.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, ip: string): Promise<void> {
  const lower = email.trim().toLowerCase();
  const now = ctx.clock.now();
  const found = await profileCredentials.byEmail(ctx.db, lower);
  const profile = found?.active ? found : undefined;
  const staffFound = profile ? undefined : await staffCredentials.byEmail(ctx.db, lower);
  const owner = profile ?? (staffFound?.active ? staffFound : undefined);
  if (!owner?.emailConfirmed) return;
  // Nobody can flood a person's inbox with reset mail: a few links an hour is plenty.
  const recent = await ctx.db
    .selectFrom('password_reset_tokens')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(profile ? 'profile_id' : 'staff_id', '=', owner.id)
    .where('purpose', '=', 'reset')
    .where('created_at', '>', new Date(now.getTime() - 3600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= resetMailsPerHour) return;
  await inTransaction(ctx.db, async (trx) => {
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
      companyId: profile?.companyId ?? null,
      ip,
      at: now,
    });
  });
  void ctx.jobs.kick('mail-deliver').catch(() => {});
}

/** Creates a reset, invitation or confirmation token; returns the secret for the link, stores only its hash. */
export async function issueResetToken(
  db: DbOrTrx,
  owner: { profileId: string } | { staffId: string },
  purpose: TokenPurpose,
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

/** The links that set a password: a reset or an invitation; never a confirmation link. */
const passwordPurposes: TokenPurpose[] = ['reset', 'invite'];

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
    .selectFrom('password_reset_tokens')
    .select(['profile_id', 'staff_id'])
    .where('token_hash', '=', hash)
    .where('purpose', 'in', passwordPurposes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  const account = row?.profile_id
    ? await profileCredentials.byId(ctx.db, row.profile_id)
    : row?.staff_id
      ? await staffCredentials.byId(ctx.db, row.staff_id)
      : undefined;
  if (!row || !account?.active || !account.emailConfirmed) throw badToken();
  const person = { email: account.email, name: account.name };
  const passwordHash = await hashNewPassword(password, person, ctx.config.passwordMinLength);

  await inTransaction(ctx.db, async (trx) => {
    const used = await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('purpose', 'in', passwordPurposes)
      .where('used_at', 'is', null)
      .returning('token_hash')
      .executeTakeFirst();
    if (!used) throw badToken();
    const owner = row.profile_id ? { profileId: row.profile_id } : { staffId: row.staff_id as string };
    const id = account.id;
    const store = row.profile_id ? profileCredentials : staffCredentials;
    await store.setPassword(trx, id, passwordHash, now, { unlock: true });
    // Every other outstanding link of this person stops working too.
    await revokeResetLinks(trx, owner, now);
    // whoever had the old password may have made tokens with it: they end with it.
    await revokeAllSessions(trx, owner, now);
    await revokeAllApiTokens(trx, owner, now);
    await recordAudit(trx, {
      actor: { kind: 'anonymous' },
      action: 'password-reset.completed',
      entity: row.profile_id ? 'profile' : 'staff',
      entityId: id,
      companyId: account.companyId,
      ip,
      at: now,
    });
  });
  return { kind: row.profile_id ? 'profile' : 'staff' };
}
