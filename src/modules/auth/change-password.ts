import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { hashNewPassword, verifyPassword } from '../../core/password.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { profileCredentials } from '../accounts/index.js';
import { staffCredentials } from '../staff/index.js';
import { revokeAllApiTokens, revokeAllSessions, revokeResetLinks } from './sessions.js';

/**
 * Changes one's own password after checking the current one; every other credential ends
 * (sessions, API tokens, reset links).
 */
export async function changePassword(
  ctx: AppContext,
  actor: ProfileActor | StaffActor,
  input: { currentPassword: string; newPassword: string; sessionId?: string },
): Promise<void> {
  const store = actor.kind === 'profile' ? profileCredentials : staffCredentials;
  const account = await store.byId(ctx.db, actor.id);
  if (!(await verifyPassword(account?.passwordHash, input.currentPassword))) {
    throw invalid({ field: 'currentPassword', message: 'The current password is wrong.' });
  }
  const hash = await hashNewPassword(input.newPassword, actor, ctx.config.passwordMinLength, 'newPassword');
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await store.setPassword(trx, actor.id, hash, now, { unlock: false });
    // a new password ends every other credential: the other sessions, the personal API
    // tokens and any outstanding reset link. The session that made the change stays signed in.
    const owner = actor.kind === 'profile' ? { profileId: actor.id } : { staffId: actor.id };
    await revokeAllSessions(trx, owner, now, input.sessionId);
    await revokeAllApiTokens(trx, owner, now);
    await revokeResetLinks(trx, owner, now);
    await recordAudit(trx, { actor, action: 'password.changed', entity: actor.kind, entityId: actor.id, at: now });
  });
}
