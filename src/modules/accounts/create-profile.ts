import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import type { Profile } from './tables.js';
import { queueMail } from '../../core/mail/outbox.js';
import { hashNewPassword } from '../../core/password.js';
import type { ProfileActor } from '../../core/policy.js';
import { isUniqueViolation } from '../../core/errors.js';
import { emailTakenError, invitationMail, isEmailTaken, issueResetToken } from '../auth/index.js';

export interface CreateProfileInput {
  email: string;
  name: string;
  role: 'advanced' | 'secondary';
  phone?: string;
  jobTitle?: string;
  password?: string;
}

export const emailTaken = () => emailTakenError('email');

/** A write refused because another profile (profiles_email_key) or a staff user holds the address. */
export const isProfileEmailTaken = (err: unknown) => isUniqueViolation(err, 'profiles_email_key') || isEmailTaken(err);

/** Mails a person a 7-day link to choose their password (a new or re-registered profile). */
export async function queueInvitation(ctx: AppContext, trx: Trx, p: Profile, now: Date): Promise<void> {
  const company = await trx
    .selectFrom('companies')
    .select('name')
    .where('id', '=', p.company_id)
    .executeTakeFirstOrThrow();
  const token = await issueResetToken(trx, { profileId: p.id }, 'invite', now, 7);
  const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await queueMail(trx, invitationMail(p.email, p.name, company.name, link), now, ctx.mailDomain);
}

/**
 * the primary adds an advanced secondary or secondary profile to the company. With a
 * password the person can log in at once; without, they are mailed a 7-day link to choose one.
 * The primary vouches for the address (A-13 is about self-service sign-ups): it counts as confirmed.
 */
export async function createProfile(ctx: AppContext, actor: ProfileActor, input: CreateProfileInput): Promise<Profile> {
  const passwordHash = input.password
    ? await hashNewPassword(input.password, input, ctx.config.passwordMinLength)
    : null;
  const now = ctx.clock.now();
  try {
    const profile = await inTransaction(ctx.db, async (trx) => {
      const p = await trx
        .insertInto('profiles')
        .values({
          company_id: actor.companyId,
          role: input.role,
          email: input.email,
          name: input.name,
          phone: input.phone ?? '',
          job_title: input.jobTitle ?? '',
          password_hash: passwordHash,
          email_confirmed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        action: 'profile.created',
        entity: 'profile',
        entityId: p.id,
        after: { email: p.email, name: p.name, role: p.role },
        at: now,
      });
      if (!passwordHash) await queueInvitation(ctx, trx, p, now);
      return p;
    });
    if (!passwordHash) void ctx.jobs.kick('mail-deliver').catch(() => {});
    return profile;
  } catch (err) {
    if (isProfileEmailTaken(err)) throw emailTaken();
    throw err;
  }
}
