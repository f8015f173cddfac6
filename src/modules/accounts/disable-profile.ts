import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Profile } from './tables.js';
import { AppError } from '../../core/errors.js';
import { hashNewPassword } from '../../core/password.js';
import type { ProfileActor } from '../../core/policy.js';
import { revokeAllApiTokens, revokeAllSessions, revokeResetLinks } from '../auth/index.js';
import { emailTaken, isProfileEmailTaken, queueInvitation } from './create-profile.js';
import { assertCanManageOther } from './policy.js';
import { findProfile } from './queries.js';

/**
 * the primary disables a secondary profile. It is never deleted: it can no longer log in or
 * receive mail, its sessions and tokens stop working, and its history stays attributed to it.
 */
export async function disableProfile(ctx: AppContext, actor: ProfileActor, id: string): Promise<Profile> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const target = await findProfile(trx, id);
    assertCanManageOther(actor, target as Profile);
    if (!target) throw new AppError('not-found');
    if (target.status === 'disabled') return target;
    const after = await trx
      .updateTable('profiles')
      .set({ status: 'disabled', updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await revokeAllSessions(trx, { profileId: id }, now);
    await recordAudit(trx, {
      actor,
      action: 'profile.disabled',
      entity: 'profile',
      entityId: id,
      before: { status: 'active' },
      after: { status: 'disabled' },
      at: now,
    });
    return after;
  });
}

export interface ReRegisterInput {
  email: string;
  name: string;
  phone?: string;
  jobTitle?: string;
  password?: string;
}

/**
 * the primary hands a profile to another person: new e-mail, name and contact data, enabled
 * again, old sessions, tokens, links and picture ended. What the profile did before stays attributed to it.
 */
export async function reRegisterProfile(
  ctx: AppContext,
  actor: ProfileActor,
  id: string,
  input: ReRegisterInput,
): Promise<Profile> {
  const passwordHash = input.password
    ? await hashNewPassword(input.password, input, ctx.config.passwordMinLength)
    : null;
  const now = ctx.clock.now();
  try {
    const profile = await inTransaction(ctx.db, async (trx) => {
      const before = await findProfile(trx, id);
      assertCanManageOther(actor, before as Profile);
      if (!before) throw new AppError('not-found');
      const after = await trx
        .updateTable('profiles')
        .set({
          email: input.email,
          name: input.name,
          phone: input.phone ?? '',
          job_title: input.jobTitle ?? '',
          password_hash: passwordHash,
          status: 'active',
          // The primary vouches for the new person's address, as when creating a profile.
          email_confirmed_at: now,
          // Preferences and newsletter consent belong to the person, not the profile: back to defaults.
          timezone: null,
          notify_tickets: true,
          news_security: true,
          news_product: false,
          failed_logins: 0,
          locked_at: null,
          last_login_at: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await revokeAllSessions(trx, { profileId: id }, now);
      await revokeAllApiTokens(trx, { profileId: id }, now);
      await revokeResetLinks(trx, { profileId: id }, now);
      // The previous person's picture is theirs, not the new person's.
      await trx.deleteFrom('profile_avatars').where('profile_id', '=', id).execute();
      if (!passwordHash) await queueInvitation(ctx, trx, after, now);
      await recordAudit(trx, {
        actor,
        action: 'profile.re-registered',
        entity: 'profile',
        entityId: id,
        before: { email: before.email, name: before.name, status: before.status },
        after: { email: after.email, name: after.name, status: after.status },
        at: now,
      });
      return after;
    });
    if (!passwordHash) void ctx.jobs.kick('mail-deliver').catch(() => {});
    return profile;
  } catch (err) {
    if (isProfileEmailTaken(err)) throw emailTaken();
    throw err;
  }
}
