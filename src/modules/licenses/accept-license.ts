import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { License } from './tables.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { recordLicenseEvent } from './events.js';
import { findCompanyLicense } from './queries.js';
import { licenseChangeBlocked } from './policy.js';

/** L-3: the primary accepts the license agreement; the license becomes Active and its files visible (F-4). */
export async function acceptLicense(ctx: AppContext, actor: ProfileActor, key: string): Promise<License> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const l = await findCompanyLicense(trx, actor.companyId, key, true);
    const blocked = await licenseChangeBlocked(trx, l, 'accept it');
    if (blocked) throw blocked;
    if (l.state === 'active') throw new AppError('conflict', 'This license agreement is already accepted.');
    const after = await trx
      .updateTable('licenses')
      .set({ state: 'active', accepted_at: now, accepted_by: actor.id, updated_at: now })
      .where('id', '=', l.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordLicenseEvent(trx, { licenseId: l.id, companyId: l.company_id, kind: 'accepted', actor, at: now });
    await recordAudit(trx, {
      actor,
      action: 'license.accepted',
      entity: 'license',
      entityId: l.id,
      before: { state: l.state },
      after: { state: 'active' },
      at: now,
    });
    return after;
  });
}
