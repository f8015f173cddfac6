import type { DbOrTrx, Trx } from '../../core/db/index.js';
import { holdSlaForAgreement } from '../service-levels/index.js';

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
