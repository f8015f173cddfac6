import type { DbOrTrx, Trx } from '../../core/db/index.js';
import { holdSlaForAgreement, setTicketSlaPlan } from '../service-levels/index.js';
import { ticketPlanFor } from '../support/index.js';
import { workStatuses } from './queue-views.js';

/**
 * S-6: what the service-levels module's warning mail names: each ticket's number and title and the
 * head of its department (departments.head_staff_id), in one read by primary keys.
 */
export function ticketsWithDepartmentHeads(db: DbOrTrx, ticketIds: string[]) {
  if (!ticketIds.length) return Promise.resolve([]);
  return db
    .selectFrom('tickets as t')
    .innerJoin('departments as d', 'd.key', 't.department_key')
    .select(['t.id', 't.number', 't.title', 't.department_key', 'd.name as department_name', 'd.head_staff_id'])
    .where('t.id', 'in', ticketIds)
    .execute();
}

/** S-6 reports: the departments' names, for the rows grouped by department. */
export function departmentNames(db: DbOrTrx): Promise<{ key: string; name: string }[]> {
  return db.selectFrom('departments').select(['key', 'name']).orderBy('position').orderBy('key').execute();
}

/**
 * S-2 / S-6: a credit agreement pending (on) or settled (off) holds the ticket's SLA clock; the queue's
 * due follows (null while on hold). For the assessment, in its transaction.
 */
export async function holdTicketForAgreement(trx: Trx, ticketId: string, on: boolean, at: Date): Promise<void> {
  const due = await holdSlaForAgreement(trx, ticketId, on, at);
  await trx.updateTable('tickets').set({ due_at: due }).where('id', '=', ticketId).execute();
}

/**
 * S-4 / S-6: a company got VIP care (staff set a license's VIP, or the shop sold it): its open tickets
 * about that care's licenses are VIP from now on — they queue after HotRush and their due follows
 * the 12-hour target. A plan that ends changes nothing: a question asked under it is answered under
 * it (S-3 says so of the free period; VIP is treated alike). For the support module, in its
 * transaction; returns how many tickets became VIP. A company's open tickets are few (a loop).
 */
export async function refreshCompanyTicketPlans(trx: Trx, companyId: string, at: Date): Promise<number> {
  const open = await trx
    .selectFrom('tickets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('status', 'in', [...workStatuses])
    .where('type_key', '<>', 'license_log')
    .where('vip', '=', false)
    .forUpdate()
    .execute();
  let changed = 0;
  for (const t of open) {
    const licenses = await trx
      .selectFrom('ticket_licenses')
      .select('license_id')
      .where('ticket_id', '=', t.id)
      .execute();
    const plan = await ticketPlanFor(
      trx,
      companyId,
      licenses.map((l) => l.license_id),
      at,
    );
    if (plan.plan !== 'vip') continue;
    const due = await setTicketSlaPlan(trx, { ...t, vip: true }, 'vip', at);
    await trx.updateTable('tickets').set({ vip: true, due_at: due }).where('id', '=', t.id).execute();
    changed++;
  }
  return changed;
}
