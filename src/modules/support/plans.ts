import type { Actor } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { SupportPlanKind, SupportPlanRow } from './tables.js';
import { refreshCompanyTicketPlans } from '../tickets/index.js';
import { grantCredits } from './wallet.js';

const DAY = 86_400_000;

/** S-1: the plan in force for a license at an instant: VIP, then the free period, then credits (S-3: a period that ends turns credit-based). */
export function planAt(row: Pick<SupportPlanRow, 'vip_until' | 'period_ends_at'>, at: Date): SupportPlanKind {
  if (row.vip_until && row.vip_until > at) return 'vip';
  if (row.period_ends_at && row.period_ends_at > at) return 'period';
  return 'credit';
}

const rank: Record<SupportPlanKind, number> = { vip: 0, period: 1, credit: 2 };

/** S-2 / S-4: the defaults staff edit (the migration seeds the one row). */
export function supportSettings(db: DbOrTrx) {
  return db.selectFrom('support_settings').selectAll().where('id', '=', true).executeTakeFirstOrThrow();
}

/** S-1: what a license of this product comes with; no terms row means credits. */
export async function productTerms(db: DbOrTrx, productId: string) {
  const row = await db
    .selectFrom('support_product_terms')
    .selectAll()
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return {
    plan: row?.plan ?? ('credit' as SupportPlanKind),
    periodDays: row?.period_days ?? null,
    storefront: row?.storefront ?? false,
  };
}

export interface LicenseSupportGrant {
  licenseId: string;
  companyId: string;
  productId: string;
  /** The license's module products (L-8); those whose terms say storefront bring the storefront credits. */
  moduleProductIds?: string[];
  /** When the license was bought: the start of a free period or of VIP care (S-3, S-4). */
  at: Date;
  actor: Actor;
}

export interface LicenseSupportGranted {
  plan: SupportPlanKind;
  credits: number;
  periodEndsAt: Date | null;
  vipUntil: Date | null;
  /** False when the license already had its plan: nothing was granted again. */
  applied: boolean;
}

/**
 * S-1…S-4: gives a new license its support: credits (S-2: the company's first license 50, each further
 * one 30, each additional storefront module 30 — the numbers are support_settings), or its free period
 * (S-3, days per product), or a year of VIP care (S-4). Idempotent per license: the licenses module calls
 * it when staff issue a license and the shop will call it on fulfilment; a second call grants nothing.
 */
export async function grantLicenseSupport(db: DbOrTrx, g: LicenseSupportGrant): Promise<LicenseSupportGranted> {
  return inTransaction(db, async (trx) => {
    const settings = await supportSettings(trx);
    const terms = await productTerms(trx, g.productId);
    const periodEndsAt =
      terms.plan === 'period' && terms.periodDays ? new Date(g.at.getTime() + terms.periodDays * DAY) : null;
    const vipUntil = terms.plan === 'vip' ? new Date(g.at.getTime() + settings.vip_days * DAY) : null;
    const inserted = await trx
      .insertInto('support_plans')
      .values({
        license_id: g.licenseId,
        company_id: g.companyId,
        product_id: g.productId,
        period_ends_at: periodEndsAt,
        vip_until: vipUntil,
        granted_at: g.at,
        updated_at: g.at,
      })
      .onConflict((oc) => oc.column('license_id').doNothing())
      .returning('license_id')
      .executeTakeFirst();
    if (!inserted) {
      const row = await trx
        .selectFrom('support_plans')
        .selectAll()
        .where('license_id', '=', g.licenseId)
        .executeTakeFirstOrThrow();
      return {
        plan: planAt(row, g.at),
        credits: 0,
        periodEndsAt: row.period_ends_at,
        vipUntil: row.vip_until,
        applied: false,
      };
    }
    let credits = 0;
    if (terms.plan === 'credit') {
      const others = await trx
        .selectFrom('support_plans')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('company_id', '=', g.companyId)
        .where('license_id', '!=', g.licenseId)
        .executeTakeFirstOrThrow();
      const first = Number(others.n) === 0;
      const base = first ? settings.first_license_credits : settings.additional_license_credits;
      if (base > 0) {
        await grantCredits(trx, {
          companyId: g.companyId,
          credits: base,
          actor: g.actor,
          reason: first ? 'First license' : 'Additional license',
          at: g.at,
          licenseId: g.licenseId,
          source: `license:${g.licenseId}`,
        });
        credits += base;
      }
    }
    for (const moduleProductId of g.moduleProductIds ?? [])
      credits += await grantStorefrontSupport(trx, { ...g, moduleProductId });
    // S-4: a company that gets VIP care has its open tickets on that license queue as VIP at once.
    if (vipUntil) await refreshCompanyTicketPlans(trx, g.companyId, g.at);
    return { plan: terms.plan, credits, periodEndsAt, vipUntil, applied: true };
  });
}

/**
 * S-2: an additional storefront (a module whose terms say storefront) brings its credits, once per
 * license and module. Returns the credits granted (0 for any other module or a repeated call).
 */
export async function grantStorefrontSupport(
  db: DbOrTrx,
  g: { licenseId: string; companyId: string; moduleProductId: string; at: Date; actor: Actor },
): Promise<number> {
  const settings = await supportSettings(db);
  const terms = await productTerms(db, g.moduleProductId);
  if (!terms.storefront || settings.additional_storefront_credits <= 0) return 0;
  const posted = await grantCredits(db, {
    companyId: g.companyId,
    credits: settings.additional_storefront_credits,
    actor: g.actor,
    reason: 'Additional storefront',
    at: g.at,
    licenseId: g.licenseId,
    source: `license:${g.licenseId}:storefront:${g.moduleProductId}`,
  });
  return posted.applied ? settings.additional_storefront_credits : 0;
}

/** S-1: every license plan of a company (support_plans_company_idx). */
export function companyPlans(db: DbOrTrx, companyId: string): Promise<SupportPlanRow[]> {
  return db.selectFrom('support_plans').selectAll().where('company_id', '=', companyId).orderBy('granted_at').execute();
}

export interface TicketPlan {
  plan: SupportPlanKind;
  /** The license whose plan applies (the best of the ticket's licenses), null when none is set. */
  licenseId: string | null;
  /** When that plan ends (VIP until, period end), null for credits. */
  until: Date | null;
}

/**
 * S-1: the plan a question is asked under: the best plan in force among the ticket's licenses (VIP,
 * then a free period, then credits). A ticket without a license is credit-based.
 */
export async function ticketPlanFor(
  db: DbOrTrx,
  companyId: string,
  licenseIds: readonly string[],
  at: Date,
): Promise<TicketPlan> {
  if (licenseIds.length === 0) return { plan: 'credit', licenseId: null, until: null };
  const rows = await db
    .selectFrom('support_plans')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('license_id', 'in', [...licenseIds])
    .execute();
  let best: TicketPlan = { plan: 'credit', licenseId: licenseIds[0] ?? null, until: null };
  for (const r of rows) {
    const plan = planAt(r, at);
    if (rank[plan] < rank[best.plan])
      best = {
        plan,
        licenseId: r.license_id,
        until: plan === 'vip' ? r.vip_until : plan === 'period' ? r.period_ends_at : null,
      };
  }
  return best;
}

/** S-4: whether any license of the company has VIP care in force (the live chat, the queue's priority). */
export async function isVipCompany(db: DbOrTrx, companyId: string, at: Date): Promise<boolean> {
  const row = await db
    .selectFrom('support_plans')
    .select('license_id')
    .where('company_id', '=', companyId)
    .where('vip_until', '>', at)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
