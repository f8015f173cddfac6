import { recordAudit } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { invalid, notFound } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { productById, productsWithBrands } from '../licenses/index.js';
import type { SupportPlanKind } from './tables.js';
import { supportSettings } from './plans.js';

export interface SupportDefaults {
  firstLicenseCredits: number;
  additionalLicenseCredits: number;
  additionalStorefrontCredits: number;
  vipDays: number;
  vipModificationsPerMonth: number;
}

async function defaults(db: DbOrTrx): Promise<SupportDefaults> {
  const s = await supportSettings(db);
  return {
    firstLicenseCredits: s.first_license_credits,
    additionalLicenseCredits: s.additional_license_credits,
    additionalStorefrontCredits: s.additional_storefront_credits,
    vipDays: s.vip_days,
    vipModificationsPerMonth: s.vip_modifications_per_month,
  };
}

/** S-1…S-4: the defaults staff edit and the terms of every product (no terms: credits), by brand and name. */
export async function loadSupportSettings(db: DbOrTrx) {
  const products = await db
    .selectFrom(productsWithBrands(db).as('p'))
    .leftJoin('support_product_terms as t', 't.product_id', 'p.id')
    .select(['p.id', 'p.name', 'p.kind', 'p.brand_name', 't.plan', 't.period_days', 't.storefront'])
    .orderBy('p.brand_name')
    .orderBy('p.name')
    .execute();
  return {
    defaults: await defaults(db),
    products: products.map((p) => ({
      productId: p.id,
      name: p.name,
      brand: p.brand_name,
      kind: p.kind,
      plan: (p.plan ?? 'credit') as SupportPlanKind,
      periodDays: p.period_days ?? null,
      storefront: p.storefront ?? false,
      configured: p.plan !== null,
    })),
  };
}

/** S-2, S-4: staff replace the credit defaults and VIP numbers (audited); licenses issued later use them. */
export async function saveSupportDefaults(db: DbOrTrx, actor: StaffActor, d: SupportDefaults, at: Date) {
  return inTransaction(db, async (trx) => {
    const before = await defaults(trx);
    await trx
      .updateTable('support_settings')
      .set({
        first_license_credits: d.firstLicenseCredits,
        additional_license_credits: d.additionalLicenseCredits,
        additional_storefront_credits: d.additionalStorefrontCredits,
        vip_days: d.vipDays,
        vip_modifications_per_month: d.vipModificationsPerMonth,
        updated_at: at,
        updated_by: actor.id,
      })
      .where('id', '=', true)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'support.settings.updated',
      entity: 'support_settings',
      before,
      after: d,
      at,
    });
    return loadSupportSettings(trx);
  });
}

export interface ProductTermsInput {
  plan: SupportPlanKind;
  periodDays: number | null;
  storefront: boolean;
}

/** S-1, S-3: what a license of the product comes with from now on (licenses issued before keep theirs). */
export async function setProductTerms(
  db: DbOrTrx,
  actor: StaffActor,
  productId: string,
  t: ProductTermsInput,
  at: Date,
) {
  if (t.plan === 'period' && t.periodDays === null)
    throw invalid({ field: 'periodDays', message: 'Enter the days of free support.' });
  if (t.plan !== 'period' && t.periodDays !== null)
    throw invalid({ field: 'periodDays', message: 'Only a period-based plan has days.' });
  return inTransaction(db, async (trx) => {
    if (!(await productById(trx, productId))) throw notFound('This product');
    const before = await trx
      .selectFrom('support_product_terms')
      .selectAll()
      .where('product_id', '=', productId)
      .executeTakeFirst();
    const row = {
      plan: t.plan,
      period_days: t.periodDays,
      storefront: t.storefront,
      updated_at: at,
      updated_by: actor.id,
    };
    await trx
      .insertInto('support_product_terms')
      .values({ product_id: productId, ...row })
      .onConflict((oc) => oc.column('product_id').doUpdateSet(row))
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'support.product-terms.updated',
      entity: 'product',
      entityId: productId,
      before: before ? { plan: before.plan, periodDays: before.period_days, storefront: before.storefront } : null,
      after: t,
      at,
    });
    const all = await loadSupportSettings(trx);
    const out = all.products.find((p) => p.productId === productId);
    if (!out) throw notFound('This product');
    return out;
  });
}
