// S-2…S-4: what a ticket's support looks like to the customer and to staff.
import type { DbOrTrx } from '../../../core/db/index.js';
import { ticketForSupport } from '../../tickets/index.js';
import type { Assessment } from '../tables.js';
import { creditBalance, ticketCreditEntries } from '../wallet.js';
import { assessmentCategories } from './cost.js';
import { buyCreditsHint } from './decide-assessment.js';
import { productVersions } from './price-assessment.js';
import { ticketSupport } from './ticket-support.js';
import { supportPeriods, vipSlot, vipUsed } from './vip-usage.js';

function presentAssessment(a: Assessment) {
  return {
    id: a.id,
    category: a.category,
    categoryName: assessmentCategories.find((c) => c.category === a.category)?.name ?? '',
    credits: a.credits,
    charged: a.charged,
    fromVersion: a.from_version,
    toVersion: a.to_version,
    patchSteps: a.patch_steps,
    note: a.note,
    state: a.state,
    coveredBy: a.covered_by,
    assessedBy: a.assessed_by_name,
    assessedAt: a.assessed_at.toISOString(),
    decidedBy:
      a.decided_kind === 'profile'
        ? a.decided_by_name
        : a.decided_kind === 'pre-agreement'
          ? 'Agreed in advance'
          : a.decided_kind === 'no-confirmation'
            ? 'Charged without confirmation (category 1)'
            : null,
    decidedAt: a.decided_at?.toISOString() ?? null,
  };
}

/**
 * S-2…S-4: a ticket's support: the plan it was asked under, the company's balance, what the ticket has
 * cost, the assessment waiting for the customer (with what is missing to agree to it), the history,
 * its credit entries and, for VIP, the allowances used. `companyId`: a customer's company (another
 * company's ticket is 404); staff read any. Staff also get the product's versions for the upgrade form.
 */
export async function ticketSupportState(db: DbOrTrx, number: string, at: Date, companyId?: string) {
  const t = await ticketForSupport(db, number, companyId);
  const st = await ticketSupport(db, t, false);
  const [balance, rows, entries] = await Promise.all([
    creditBalance(db, t.companyId),
    db.selectFrom('support_assessments').selectAll().where('ticket_id', '=', t.id).orderBy('seq', 'desc').execute(),
    ticketCreditEntries(db, t.companyId, t.id),
  ]);
  const pending = rows.find((a) => a.state === 'pending') ?? null;
  const due = pending ? Math.max(0, pending.credits - st.net_charged) : 0;
  const shortBy = Math.max(0, due - balance);
  let vip = null;
  if (st.plan === 'vip') {
    const owner = { companyId: t.companyId, licenseId: st.plan_license_id };
    const periods = await supportPeriods(db, at);
    const mod = await vipSlot(db, 'vip-modification', owner, at);
    const upg = await vipSlot(db, 'vip-upgrade', owner, at);
    vip = {
      month: periods.month,
      year: periods.year,
      modificationsUsed: mod ? await vipUsed(db, mod.kind, mod.ownerId, mod.period) : 0,
      modificationsPerMonth: mod?.limit ?? 0,
      upgradesUsed: upg ? await vipUsed(db, upg.kind, upg.ownerId, upg.period) : 0,
      upgradesPerYear: upg?.limit ?? 0,
    };
  }
  return {
    ticket: { id: t.id, number: t.number, status: t.status, productId: t.productId, version: t.version },
    plan: { kind: st.plan, licenseId: st.plan_license_id, until: st.plan_until?.toISOString() ?? null },
    balance,
    preAgreeUpTo: st.pre_agree_up_to,
    netCharged: st.net_charged,
    agreementPending: st.agreement_pending,
    pending: pending ? { ...presentAssessment(pending), due } : null,
    shortBy,
    buyCreditsHint: shortBy > 0 ? buyCreditsHint : null,
    assessments: rows.map(presentAssessment),
    charges: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount: e.amount,
      balanceAfter: e.balance_after,
      reason: e.reason,
      at: e.created_at.toISOString(),
    })),
    vip,
  };
}

/** The staff view: the customer's, with the categories and the product's versions for the form. */
export async function staffTicketSupportState(db: DbOrTrx, number: string, at: Date) {
  const state = await ticketSupportState(db, number, at);
  const versions = await productVersions(db, state.ticket.productId, at);
  return {
    ...state,
    categories: assessmentCategories.map((c) => ({ ...c })),
    versions: versions.map((v) => ({ version: v.version, latest: v.latest })),
  };
}
