// S-4: the VIP allowances (minor modifications per month, the free upgrade per year), counted.
import { sql } from 'kysely';
import type { DbOrTrx } from '../../../core/db/index.js';
import { loadSupportCalendar } from '../calendar.js';
import { supportSettings } from '../plans.js';
import type { VipAllowance } from '../tables.js';

/** S-4: one free upgrade to the current version per license and calendar year. */
export const vipUpgradesPerYear = 1;

/** The calendar month ('YYYY-MM') and year of an instant in the support calendar's zone. */
export async function supportPeriods(db: DbOrTrx, at: Date): Promise<{ month: string; year: string }> {
  const { timeZone } = (await loadSupportCalendar(db)).settings;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  const year = parts.find((p) => p.type === 'year')?.value ?? String(at.getUTCFullYear());
  const month = parts.find((p) => p.type === 'month')?.value ?? '01';
  return { month: `${year}-${month}`, year };
}

export interface VipAllowanceSlot {
  kind: VipAllowance;
  ownerId: string;
  period: string;
  limit: number;
}

/** The allowance an assessment would use: the company's month for a modification, the license's year for an upgrade. */
export async function vipSlot(
  db: DbOrTrx,
  kind: VipAllowance,
  owner: { companyId: string; licenseId: string | null },
  at: Date,
): Promise<VipAllowanceSlot | null> {
  const periods = await supportPeriods(db, at);
  if (kind === 'vip-modification') {
    const settings = await supportSettings(db);
    return { kind, ownerId: owner.companyId, period: periods.month, limit: settings.vip_modifications_per_month };
  }
  if (!owner.licenseId) return null;
  return { kind, ownerId: owner.licenseId, period: periods.year, limit: vipUpgradesPerYear };
}

/**
 * Takes one use of the allowance if one is left (the row is locked, so two agents never both take the
 * last one); false when it is used up (the assessment is then credit-based: the 8th modification).
 */
export async function takeVipAllowance(trx: DbOrTrx, slot: VipAllowanceSlot): Promise<boolean> {
  if (slot.limit <= 0) return false;
  await trx
    .insertInto('support_vip_usage')
    .values({ kind: slot.kind, owner_id: slot.ownerId, period: slot.period, used: 0 })
    .onConflict((oc) => oc.columns(['kind', 'owner_id', 'period']).doNothing())
    .execute();
  const taken = await trx
    .updateTable('support_vip_usage')
    .set({ used: sql<number>`used + 1` })
    .where('kind', '=', slot.kind)
    .where('owner_id', '=', slot.ownerId)
    .where('period', '=', slot.period)
    .where('used', '<', slot.limit)
    .returning('used')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Gives a use back (its assessment was superseded by another category). */
export async function releaseVipAllowance(
  trx: DbOrTrx,
  slot: { kind: VipAllowance; ownerId: string; period: string },
): Promise<void> {
  await trx
    .updateTable('support_vip_usage')
    .set({ used: sql<number>`greatest(used - 1, 0)` })
    .where('kind', '=', slot.kind)
    .where('owner_id', '=', slot.ownerId)
    .where('period', '=', slot.period)
    .execute();
}

/** How much of an allowance is used in its period. */
export async function vipUsed(db: DbOrTrx, kind: VipAllowance, ownerId: string, period: string): Promise<number> {
  const row = await db
    .selectFrom('support_vip_usage')
    .select('used')
    .where('kind', '=', kind)
    .where('owner_id', '=', ownerId)
    .where('period', '=', period)
    .executeTakeFirst();
  return row?.used ?? 0;
}
