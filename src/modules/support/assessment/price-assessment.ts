// S-2…S-4: what an assessment costs on a ticket and whether its plan covers it.
import type { DbOrTrx } from '../../../core/db/index.js';
import { AppError } from '../../../core/errors.js';
import { listReleases } from '../../licenses/index.js';
import type { SupportPlanKind, SupportTicket } from '../tables.js';
import { servicePackPattern } from './assessment-settings.js';
import { type AssessmentCategory, assessmentCost, categoryInfo, patchSteps } from './cost.js';
import { type VipAllowanceSlot, vipSlot, vipUsed } from './vip-usage.js';

export interface AssessmentInput {
  category: number;
  /** Category 3: the agreed price (≥ 20). */
  credits?: number | undefined;
  /** Category 5: the versions of the upgrade. */
  fromVersion?: string | undefined;
  toVersion?: string | undefined;
  note?: string | undefined;
}

export interface Priced {
  category: AssessmentCategory;
  /** The price in credits when the plan does not cover it. */
  credits: number;
  patchSteps: number | null;
  countedFrom: 'releases' | 'patch-numbers' | null;
  fromVersion: string | null;
  toVersion: string | null;
  /** S-4: the VIP allowance that covers it (to be taken), or null: credit-based. */
  covered: VipAllowanceSlot | null;
  /** S-4: the allowance was there but is used up (the 8th modification, a second upgrade this year). */
  allowanceUsedUp: boolean;
}

/** The product's releases (versions), newest first; none when the ticket has no product. */
export async function productVersions(db: DbOrTrx, productId: string | null, at: Date) {
  if (!productId) return [];
  return (await listReleases(db, productId, at)).releases;
}

const planName: Record<SupportPlanKind, string> = {
  credit: 'credit-based',
  period: 'a ticket asked during a free support period',
  vip: 'a VIP ticket',
};

/** S-3 / S-4: the problem when the plan covers the category and nothing is due. */
function notDue(plan: SupportPlanKind, category: number): AppError {
  const why =
    plan === 'vip'
      ? 'VIP care covers it (unlimited requests, no credits).'
      : 'the free support period covers functionality, configuration and architecture advice.';
  return new AppError('conflict', `Category ${category} is not due on ${planName[plan]}: ${why}`, [
    { field: 'category', message: `Not due on ${planName[plan]}.` },
  ]);
}

/**
 * S-2…S-4: prices an assessment of a ticket under the plan it was asked under. Credit-based: every
 * category. Period-based (S-3): categories 1–2 are covered (refused as not due), 3–5 credit-based.
 * VIP (S-4): a code modification uses one of the company's monthly minor modifications while some are
 * left, an upgrade to the current version the license's free upgrade of the year; beyond those both are
 * credit-based; everything else is covered (refused as not due).
 */
export async function priceAssessment(
  db: DbOrTrx,
  t: { companyId: string; productId: string | null },
  st: Pick<SupportTicket, 'plan' | 'plan_license_id'>,
  input: AssessmentInput,
  at: Date,
): Promise<Priced> {
  const info = categoryInfo(input.category);
  let steps: { steps: number; countedFrom: 'releases' | 'patch-numbers' } | null = null;
  let latest: string | null = null;
  if (info.upgrade) {
    const releases = await productVersions(db, t.productId, at);
    latest = releases.find((r) => r.latest)?.version ?? null;
    steps = patchSteps(
      input.fromVersion ?? '',
      input.toVersion ?? '',
      releases.map((r) => r.version),
      await servicePackPattern(db),
    );
  }
  const credits = assessmentCost({ category: info.category, credits: input.credits, steps: steps?.steps });
  const priced: Priced = {
    category: info.category,
    credits,
    patchSteps: steps?.steps ?? null,
    countedFrom: steps?.countedFrom ?? null,
    fromVersion: info.upgrade ? (input.fromVersion ?? '').trim() : null,
    toVersion: info.upgrade ? (input.toVersion ?? '').trim() : null,
    covered: null,
    allowanceUsedUp: false,
  };
  if (st.plan === 'period' && info.category <= 2) throw notDue('period', info.category);
  if (st.plan !== 'vip') return priced;
  const owner = { companyId: t.companyId, licenseId: st.plan_license_id };
  // S-4: an upgrade to the current version (when the product lists none, the target counts as current).
  const allowance =
    info.category === 3
      ? 'vip-modification'
      : info.category === 5 && (latest === null || latest === priced.toVersion)
        ? 'vip-upgrade'
        : null;
  if (info.category !== 3 && info.category !== 5) throw notDue('vip', info.category);
  if (!allowance) return priced;
  const slot = await vipSlot(db, allowance, owner, at);
  if (!slot) return priced;
  if ((await vipUsed(db, slot.kind, slot.ownerId, slot.period)) < slot.limit) priced.covered = slot;
  else priced.allowanceUsedUp = true;
  return priced;
}
