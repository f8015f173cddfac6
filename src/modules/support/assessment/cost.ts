// S-2: the five assessment categories and what they cost, as data, and the upgrade formula. Pure.
import { invalid } from '../../../core/errors.js';
import { compareVersions } from '../../licenses/index.js';

export type AssessmentCategory = 1 | 2 | 3 | 4 | 5;

export interface CategoryInfo {
  category: AssessmentCategory;
  name: string;
  /** The price; for category 3 the least price (the agent enters it), for 5 the price within two patch versions. */
  credits: number;
  /** S-2: only category 1 is charged without the customer's Agree. */
  needsAgreement: boolean;
  /** Category 3: the agent enters the price (at least `credits`). */
  agentPrice: boolean;
  /** Category 5: the price follows from the versions. */
  upgrade: boolean;
}

/** S-2: the categories with the spec's costs (names from the seed's credit-based support terms). */
export const assessmentCategories: readonly CategoryInfo[] = [
  {
    category: 1,
    name: 'Functionality or set-up question',
    credits: 5,
    needsAgreement: false,
    agentPrice: false,
    upgrade: false,
  },
  {
    category: 2,
    name: 'Mis-configuration, standard set-up, architecture or basic customization advice',
    credits: 10,
    needsAgreement: true,
    agentPrice: false,
    upgrade: false,
  },
  {
    category: 3,
    name: 'Complex code modification',
    credits: 20,
    needsAgreement: true,
    agentPrice: true,
    upgrade: false,
  },
  {
    category: 4,
    name: 'Server settings, modified files or broken database data',
    credits: 20,
    needsAgreement: true,
    agentPrice: false,
    upgrade: false,
  },
  {
    category: 5,
    name: 'Upgrade (20 within two patch versions, +5 for each following one)',
    credits: 20,
    needsAgreement: true,
    agentPrice: false,
    upgrade: true,
  },
];

export function categoryInfo(category: number): CategoryInfo {
  const info = assessmentCategories.find((c) => c.category === category);
  if (!info) throw invalid({ field: 'category', message: 'Choose a category from 1 to 5.' });
  return info;
}

/** The highest price an agent may enter for a code modification (category 3). */
export const maxAgentPrice = 10_000;

/** S-2: an upgrade over `steps` patch versions: 20 within two, then 5 for each following one (4.3.1 → 4.3.9: 8 steps, 50). */
export function upgradeCost(steps: number): number {
  return 20 + 5 * Math.max(0, steps - 2);
}

/** The default service-pack pattern (support_assessment_settings holds the one in force). */
export const defaultServicePackPattern = '(^|[.\\- ])SP[0-9]*$';

/** Whether `version` is a service-pack release (not counted as an upgrade step). */
export function isServicePack(version: string, pattern: string): boolean {
  return new RegExp(pattern, 'i').test(version.trim());
}

export interface PatchSteps {
  steps: number;
  /** How the steps were counted: the product's releases between the versions, or the patch numbers. */
  countedFrom: 'releases' | 'patch-numbers';
}

/**
 * S-2: how many patch versions an upgrade from `from` to `to` crosses, service packs excluded. When both
 * versions are releases of the product, the (non-service-pack) releases after `from` up to `to` are
 * counted; otherwise the patch numbers of two versions of one branch (4.3.1 → 4.3.9: 8).
 */
export function patchSteps(from: string, to: string, releases: readonly string[], servicePack: string): PatchSteps {
  const a = from.trim();
  const b = to.trim();
  if (!a) throw invalid({ field: 'fromVersion', message: 'Enter the version the store is upgraded from.' });
  if (!b) throw invalid({ field: 'toVersion', message: 'Enter the version the store is upgraded to.' });
  if (compareVersions(a, b) >= 0)
    throw invalid({ field: 'toVersion', message: 'The upgrade must go to a later version.' });
  if (releases.includes(a) && releases.includes(b)) {
    const steps = releases.filter(
      (r) => !isServicePack(r, servicePack) && compareVersions(a, r) < 0 && compareVersions(r, b) <= 0,
    ).length;
    return { steps, countedFrom: 'releases' };
  }
  const base = (v: string) => v.replace(new RegExp(servicePack, 'i'), '');
  const pa = base(a).split('.');
  const pb = base(b).split('.');
  const lastA = pa.pop() ?? '';
  const lastB = pb.pop() ?? '';
  if (pa.length === 0 || pa.join('.') !== pb.join('.') || !/^\d+$/.test(lastA) || !/^\d+$/.test(lastB))
    throw invalid({
      field: 'toVersion',
      message: 'Not releases of the product: enter two versions of one branch (4.3.1 → 4.3.9) to count the patches.',
    });
  return { steps: Math.max(0, Number(lastB) - Number(lastA)), countedFrom: 'patch-numbers' };
}

export interface CostInput {
  category: number;
  /** Category 3: the price the agent enters (≥ 20). */
  credits?: number | undefined;
  /** Category 5: the patch versions crossed. */
  steps?: number | undefined;
}

/** S-2: the price of an assessment in credits. */
export function assessmentCost(input: CostInput): number {
  const info = categoryInfo(input.category);
  if (info.agentPrice) {
    const c = input.credits;
    if (c === undefined || !Number.isSafeInteger(c) || c < info.credits || c > maxAgentPrice)
      throw invalid({
        field: 'credits',
        message: `Enter the agreed price: a whole number from ${info.credits} to ${maxAgentPrice}.`,
      });
    return c;
  }
  if (info.upgrade) return upgradeCost(input.steps ?? 0);
  return info.credits;
}
