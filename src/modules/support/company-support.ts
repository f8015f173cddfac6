import type { DbOrTrx } from '../../core/db/index.js';
import { companyLicenseSummaries } from '../licenses/index.js';
import { ticketNumbers } from '../tickets/index.js';
import { companyPlans } from './plans.js';
import { presentCreditEntry, presentLicensePlan } from './presenters.js';
import { creditBalance, listCreditEntries } from './wallet.js';

/** S-1 / S-2: each license of the company with its plan in force, and the balance (three indexed reads). */
export async function companySupport(db: DbOrTrx, companyId: string, now: Date) {
  // One after another: inside a transaction (PGlite: one connection) queries do not run side by side.
  const licenses = await companyLicenseSummaries(db, companyId);
  const plans = await companyPlans(db, companyId);
  const balance = await creditBalance(db, companyId);
  const byLicense = new Map(plans.map((p) => [p.license_id, p]));
  return { balance, licenses: licenses.map((l) => presentLicensePlan(l, byLicense.get(l.id), now)) };
}

/** S-2: one page of the ledger, newest first, with the tickets' numbers asked of the tickets module at once. */
export async function creditHistory(db: DbOrTrx, companyId: string, page: { limit: number; cursor?: string }) {
  const entries = await listCreditEntries(db, companyId, page);
  const ids = entries.items.flatMap((e) => (e.ticket_id ? [e.ticket_id] : []));
  const numbers = await ticketNumbers(db, ids);
  return { items: entries.items.map((e) => presentCreditEntry(e, numbers)), nextCursor: entries.nextCursor };
}
