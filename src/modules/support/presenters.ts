import type { CreditEntry, SupportPlanRow } from './tables.js';
import { planAt } from './plans.js';

const DAY = 86_400_000;

export interface LicenseSummary {
  id: string;
  key: string;
  state: string;
  product_name: string;
}

/** S-1: a license with the plan in force at `now`; a license without a plan row is credit-based. */
export function presentLicensePlan(l: LicenseSummary, row: SupportPlanRow | undefined, now: Date) {
  const plan = row ? planAt(row, now) : 'credit';
  const until = plan === 'vip' ? (row?.vip_until ?? null) : plan === 'period' ? (row?.period_ends_at ?? null) : null;
  return {
    key: l.key,
    product: l.product_name,
    state: l.state,
    plan,
    hasPlan: row !== undefined,
    periodEndsAt: row?.period_ends_at?.toISOString() ?? null,
    vipUntil: row?.vip_until?.toISOString() ?? null,
    until: until?.toISOString() ?? null,
    daysLeft: until ? Math.ceil((until.getTime() - now.getTime()) / DAY) : null,
  };
}

/** S-2: a ledger entry as the API shows it; `numbers` maps ticket ids to their numbers. */
export function presentCreditEntry(e: CreditEntry, numbers: Map<string, string>) {
  const number = e.ticket_id ? numbers.get(e.ticket_id) : undefined;
  return {
    id: e.id,
    at: e.created_at.toISOString(),
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balance_after,
    ticket: number ? { number } : null,
    reason: e.reason,
    who: e.actor_label,
  };
}
