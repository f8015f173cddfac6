import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { hashNewPassword, verifyPassword } from '../../core/password.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { revokeAllSessions } from './sessions.js';

/** Changes one's own password after checking the current one; other sessions end. */
export async function changePassword(
  ctx: AppContext,
  actor: ProfileActor | StaffActor,
  input: { currentPassword: string; newPassword: string; sessionId?: string },
): Promise<void> {
  const table = actor.kind === 'profile' ? 'profiles' : 'staff_users';
  const row = await ctx.db
    .selectFrom(table)
    .select(['password_hash'])
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw invalid({ field: 'currentPassword', message: 'The current password is wrong.' });
  }
  const hash = await hashNewPassword(input.newPassword, actor, ctx.config.passwordMinLength, 'newPassword');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable(table).set({ password_hash: hash, updated_at: now }).where('id', '=', actor.id).execute();
    await revokeAllSessions(
      trx,
      actor.kind === 'profile' ? { profileId: actor.id } : { staffId: actor.id },
      now,
      input.sessionId,
    );
    await recordAudit(trx, { actor, action: 'password.changed', entity: actor.kind, entityId: actor.id, at: now });
  });
}
