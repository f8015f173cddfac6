import { inTransaction } from '../../core/db/transaction.js';
import type { Actor } from '../../core/audit.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Profile } from './tables.js';
import { AppError } from '../../core/errors.js';

/**
 * unblocks a profile blocked after failed log-ins. Callers check who may (the company's
 * primary through accounts/policy.ts, or staff through staff/policy.ts).
 */
export async function unlockProfile(ctx: AppContext, actor: Actor, target: Profile): Promise<Profile> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const after = await trx
      .updateTable('profiles')
      .set({ locked_at: null, failed_logins: 0, updated_at: now })
      .where('id', '=', target.id)
      .returningAll()
      .executeTakeFirst();
    if (!after) throw new AppError('not-found');
    if (target.locked_at) {
      await recordAudit(trx, {
        actor,
        action: 'profile.unlocked',
        entity: 'profile',
        entityId: target.id,
        companyId: target.company_id,
        before: { locked: true },
        after: { locked: false },
        at: now,
      });
    }
    return after;
  });
}
