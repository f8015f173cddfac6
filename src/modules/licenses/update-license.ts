import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { recordLicenseEvent } from './events.js';
import { findCompanyLicense } from './queries.js';

/**
 * L-2: the holder sets a status and a store version for their own bookkeeping; they change nothing
 * else. The version must be a release of the license's main product (L-9), or empty.
 */
export async function updateLicenseHolderFields(
  ctx: AppContext,
  actor: ProfileActor,
  key: string,
  input: { holderStatus?: string; holderVersion?: string },
) {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const l = await findCompanyLicense(trx, actor.companyId, key, true);
    const set: { holder_status?: string; holder_version?: string } = {};
    if (input.holderStatus !== undefined && input.holderStatus !== l.holder_status) {
      set.holder_status = input.holderStatus;
      await recordLicenseEvent(trx, {
        licenseId: l.id,
        companyId: l.company_id,
        kind: 'status-changed',
        actor,
        at: now,
        detail: { from: l.holder_status, to: input.holderStatus },
      });
    }
    if (input.holderVersion !== undefined && input.holderVersion !== l.holder_version) {
      if (input.holderVersion !== '') {
        const release = await trx
          .selectFrom('releases')
          .select('id')
          .where('product_id', '=', l.product_id)
          .where('version', '=', input.holderVersion)
          .executeTakeFirst();
        if (!release) throw invalid({ field: 'holderVersion', message: 'Choose a version of this product.' });
      }
      set.holder_version = input.holderVersion;
      await recordLicenseEvent(trx, {
        licenseId: l.id,
        companyId: l.company_id,
        kind: 'version-changed',
        actor,
        at: now,
        detail: { from: l.holder_version, to: input.holderVersion },
      });
    }
    if (Object.keys(set).length === 0) return l;
    const after = await trx
      .updateTable('licenses')
      .set({ ...set, updated_at: now })
      .where('id', '=', l.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'license.updated',
      entity: 'license',
      entityId: l.id,
      before: { holderStatus: l.holder_status, holderVersion: l.holder_version },
      after: {
        ...(set.holder_status !== undefined && { holderStatus: set.holder_status }),
        ...(set.holder_version !== undefined && { holderVersion: set.holder_version }),
      },
      at: now,
    });
    return after;
  });
}
