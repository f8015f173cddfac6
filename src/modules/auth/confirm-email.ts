import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import { addDays } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import { invalid } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import { sha256 } from '../../core/secrets.js';
import { profileCredentials } from '../accounts/index.js';
import { confirmEmailMail } from './mails.js';
import { issueResetToken } from './password-reset.js';
import { revokeResetLinks } from './sessions.js';

/** how long a confirmation link works. */
export const confirmLinkHours = 48;
/** Nobody can flood an inbox through sign-up's "send the link again": a few an hour is plenty. */
export const confirmMailsPerHour = 3;

/**
 * issues a single-use confirmation link for a sign-up's primary profile and queues its mail,
 * in the caller's transaction. Returns when the link expires.
 */
export async function queueEmailConfirmation(
  ctx: AppContext,
  trx: Trx,
  profile: { id: string; email: string; name: string },
  now: Date,
): Promise<Date> {
  const token = await issueResetToken(trx, { profileId: profile.id }, 'confirm', now, confirmLinkHours / 24);
  const link = `${ctx.config.publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
  await queueMail(trx, confirmEmailMail(profile.email, profile.name, link, confirmLinkHours), now, ctx.mailDomain);
  return addDays(now, confirmLinkHours / 24);
}

/**
 * mails a new confirmation link when the e-mail belongs to an active profile whose address is
 * not confirmed yet; answers the same whatever the e-mail (as a password reset does, A-6).
 */
export async function resendEmailConfirmation(ctx: AppContext, email: string, ip: string): Promise<void> {
  const now = ctx.clock.now();
  const profile = await profileCredentials.byEmail(ctx.db, email.trim().toLowerCase());
  if (!profile?.active || profile.emailConfirmed) return;
  const recent = await ctx.db
    .selectFrom('password_reset_tokens')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('profile_id', '=', profile.id)
    .where('purpose', '=', 'confirm')
    .where('created_at', '>', new Date(now.getTime() - 3600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= confirmMailsPerHour) return;
  await inTransaction(ctx.db, async (trx) => {
    await queueEmailConfirmation(ctx, trx, profile, now);
    await recordAudit(trx, {
      actor: { kind: 'anonymous' },
      action: 'email-confirmation.requested',
      entity: 'profile',
      entityId: profile.id,
      companyId: profile.companyId,
      ip,
      at: now,
    });
  });
  void ctx.jobs.kick('mail-deliver').catch(() => {});
}

const badLink = () =>
  invalid({
    field: 'token',
    message:
      'This link is invalid, was already used or has expired. If your address is confirmed, log in; if not, log in to have a new link sent.',
  });

/**
 * the confirmation link confirms the address once. The token's conditional update makes two
 * uses at once confirm it exactly once; a used, expired or unknown link (or one of another kind) is
 * a 400 on `token`. The person is not signed in by the link: they log in with their password next,
 * so a forwarded or prefetched link never opens a session.
 */
export async function confirmEmail(ctx: AppContext, token: string, ip: string): Promise<{ email: string }> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const used = await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', sha256(token))
      .where('purpose', '=', 'confirm')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('profile_id')
      .executeTakeFirst();
    const profile = used?.profile_id ? await profileCredentials.byId(trx, used.profile_id) : undefined;
    if (!profile?.active) throw badLink();
    // Another link of the same sign-up may have confirmed it already: this one then counts as used.
    if (!(await profileCredentials.confirmEmail(trx, profile.id, now))) throw badLink();
    await revokeResetLinks(trx, { profileId: profile.id }, now);
    await recordAudit(trx, {
      actor: { kind: 'anonymous' },
      action: 'profile.email-confirmed',
      entity: 'profile',
      entityId: profile.id,
      companyId: profile.companyId,
      after: { email: profile.email },
      ip,
      at: now,
    });
    return { email: profile.email };
  });
}
