import type { DbOrTrx } from '../../core/db/index.js';

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
