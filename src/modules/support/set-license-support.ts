import { recordAudit } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { invalid } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { findLicenseByKey, productNames } from '../licenses/index.js';
import { grantLicenseSupport } from './plans.js';
import { refreshCompanyTicketPlans } from '../tickets/index.js';
import { presentLicensePlan } from './presenters.js';

export interface LicenseSupportChange {
  /** Give the license the plan of its product now (a license issued before support plans has none). */
  grant?: true;
  periodEndsAt?: string | null;
  vipUntil?: string | null;
}

/**
 * S-1, S-3, S-4: staff set when a license's free period or VIP care ends (null removes it), or grant a
 * license issued before this feature the plan of its product. A license without a plan row is
 * credit-based with no credits; setting an end gives it a row without credits. Audited.
 */
export async function setLicenseSupport(
  db: DbOrTrx,
  actor: StaffActor,
  key: string,
  change: LicenseSupportChange,
  at: Date,
) {
  if (change.grant === undefined && change.periodEndsAt === undefined && change.vipUntil === undefined)
    throw invalid({ field: 'body', message: 'Say what to change: grant, periodEndsAt or vipUntil.' });
  return inTransaction(db, async (trx) => {
    const license = await findLicenseByKey(trx, key, true);
    const before = await trx
      .selectFrom('support_plans')
      .selectAll()
      .where('license_id', '=', license.id)
      .executeTakeFirst();
    if (change.grant)
      await grantLicenseSupport(trx, {
        licenseId: license.id,
        companyId: license.company_id,
        productId: license.product_id,
        at,
        actor,
      });
    else if (!before)
      await trx
        .insertInto('support_plans')
        .values({
          license_id: license.id,
          company_id: license.company_id,
          product_id: license.product_id,
          period_ends_at: null,
          vip_until: null,
          granted_at: at,
          updated_at: at,
        })
        .execute();
    const set: { period_ends_at?: Date | null; vip_until?: Date | null } = {};
    if (change.periodEndsAt !== undefined)
      set.period_ends_at = change.periodEndsAt === null ? null : new Date(change.periodEndsAt);
    if (change.vipUntil !== undefined) set.vip_until = change.vipUntil === null ? null : new Date(change.vipUntil);
    if (Object.keys(set).length > 0)
      await trx
        .updateTable('support_plans')
        .set({ ...set, updated_at: at })
        .where('license_id', '=', license.id)
        .execute();
    const after = await trx
      .selectFrom('support_plans')
      .selectAll()
      .where('license_id', '=', license.id)
      .executeTakeFirstOrThrow();
    // S-4: VIP care in force now makes the company's open tickets on it VIP (queue priority, 12-hour due).
    if (after.vip_until && after.vip_until > at) await refreshCompanyTicketPlans(trx, license.company_id, at);
    await recordAudit(trx, {
      actor,
      action: 'support.plan.updated',
      entity: 'license',
      entityId: license.id,
      companyId: license.company_id,
      before: before ? { periodEndsAt: before.period_ends_at, vipUntil: before.vip_until } : null,
      after: { periodEndsAt: after.period_ends_at, vipUntil: after.vip_until, granted: change.grant === true },
      at,
    });
    const names = await productNames(trx, [license.product_id]);
    return presentLicensePlan(
      { id: license.id, key: license.key, state: license.state, product_name: names.get(license.product_id) ?? '' },
      after,
      at,
    );
  });
}
