import { inTransaction } from '../../core/db/transaction.js';
import type { Actor } from '../../core/audit.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { StaffRole } from '../../core/permissions.js';
import type { StaffUser } from './tables.js';
import { AppError, isUniqueViolation, notFound } from '../../core/errors.js';
import { hashNewPassword } from '../../core/password.js';
import { emailTakenError, isEmailTaken, revokeAllApiTokens, revokeAllSessions } from '../auth/index.js';

const staffEmailTaken = 'This e-mail address is already used by a staff user or a customer.';
/** Another staff user (staff_users_email_key) or a customer profile (auth's register) has the address. */
const isStaffEmailTaken = (err: unknown) => isUniqueViolation(err, 'staff_users_email_key') || isEmailTaken(err);

export function presentStaffUser(u: StaffUser) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    locked: u.locked_at !== null,
    createdAt: u.created_at.toISOString(),
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    timezone: u.timezone,
  };
}

/**
 * a new staff user (from the console or `clientele create-staff`). An address held by another
 * staff user or by a customer profile answers `email-taken` (A-1: one address, one person).
 */
export async function createStaffUser(
  ctx: AppContext,
  actor: Actor,
  input: { email: string; name: string; role: StaffRole; password: string },
): Promise<StaffUser> {
  const hash = await hashNewPassword(input.password, input, ctx.config.passwordMinLength);
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const u = await trx
        .insertInto('staff_users')
        .values({
          email: input.email,
          name: input.name,
          role: input.role,
          password_hash: hash,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        action: 'staff.created',
        entity: 'staff',
        entityId: u.id,
        after: { email: u.email, role: u.role },
        at: now,
      });
      return u;
    });
  } catch (err) {
    if (isStaffEmailTaken(err)) throw emailTakenError('email', staffEmailTaken);
    throw err;
  }
}

/**
 * An admin changes a staff user's e-mail, name, role, password or disables them (their sessions
 * end). An address held by another staff user or a customer profile is a 409 `email-taken`.
 */
export async function updateStaffUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { email?: string; name?: string; role?: StaffRole; disabled?: boolean; password?: string },
  currentSessionId?: string,
): Promise<StaffUser> {
  const now = ctx.clock.now();
  const current = await ctx.db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('This staff user');
  if (actor.kind === 'staff' && actor.id === id && (input.disabled || (input.role && input.role !== 'admin'))) {
    throw new AppError('unprocessable', 'You cannot disable yourself or take away your own admin role.');
  }
  const hash = input.password
    ? await hashNewPassword(
        input.password,
        { email: input.email ?? current.email, name: input.name ?? current.name },
        ctx.config.passwordMinLength,
      )
    : undefined;
  return inTransaction(ctx.db, async (trx) => {
    const after = await trx
      .updateTable('staff_users')
      .set({
        ...(input.email !== undefined && { email: input.email }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.disabled !== undefined && { disabled: input.disabled }),
        ...(hash && { password_hash: hash, locked_at: null, failed_logins: 0 }),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err) => {
        throw isStaffEmailTaken(err) ? emailTakenError('email', staffEmailTaken) : err;
      });
    // A new password ends the user's other sessions; an admin changing their own keeps this one.
    if (input.disabled || hash)
      await revokeAllSessions(trx, { staffId: id }, now, input.disabled ? undefined : currentSessionId);
    // A disabled user's API tokens end too, so that enabling it again does not bring them back.
    // A new password set by an admin ends the user's API tokens too, as a reset does.
    if (input.disabled || hash) await revokeAllApiTokens(trx, { staffId: id }, now);
    await recordAudit(trx, {
      actor,
      action: 'staff.updated',
      entity: 'staff',
      entityId: id,
      before: { email: current.email, name: current.name, role: current.role, disabled: current.disabled },
      after: {
        email: after.email,
        name: after.name,
        role: after.role,
        disabled: after.disabled,
        passwordChanged: !!hash,
      },
      at: now,
    });
    return after;
  });
}
