import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { License } from './tables.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { recordLicenseEvent } from './events.js';
import { findCompanyLicense } from './queries.js';
import { licenseChangeBlocked } from './policy.js';

/**
 * L-4: registering the installation turns an evaluation installation into a commercial one. It
 * needs an accepted license with a URL; the first registration fixes the domain for L-5.
 */
export async function registerLicense(ctx: AppContext, actor: ProfileActor, key: string): Promise<License> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const l = await findCompanyLicense(trx, actor.companyId, key, true);
    const blocked = await licenseChangeBlocked(trx, l, 'register it');
    if (blocked) throw blocked;
    if (l.state !== 'active')
      throw new AppError('unprocessable', 'Accept the license agreement before registering the installation.');
    if (!l.url) throw new AppError('unprocessable', 'Set the URL of your store before registering the installation.');
    if (l.registered_at)
      throw new AppError(
        'conflict',
        `This installation is already registered (${l.registered_at.toISOString().slice(0, 10)}).`,
      );
    const after = await trx
      .updateTable('licenses')
      .set({ registered_at: now, updated_at: now })
      .where('id', '=', l.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordLicenseEvent(trx, {
      licenseId: l.id,
      companyId: l.company_id,
      kind: 'registered',
      actor,
      at: now,
      detail: { url: l.url, domain: l.registrable_domain },
    });
    await recordAudit(trx, {
      actor,
      action: 'license.registered',
      entity: 'license',
      entityId: l.id,
      after: { url: l.url },
      at: now,
    });
    return after;
  });
}
