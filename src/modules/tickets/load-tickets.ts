import type { DbOrTrx } from '../../core/db/index.js';
import type { Ticket } from './tables.js';
import { ticketConfigWith } from './ticket-config.js';
import { presentStaffTicket, presentTicket, type TicketExtras } from './presenters.js';
import type { TicketDays } from './closes-at.js';
import { companyNames, profileNames } from '../accounts/index.js';
import { licenseKeysTable, productNames } from '../licenses/index.js';
import { staffNames } from '../staff/index.js';
import { slaClocks } from '../service-levels/index.js';

/** The names a page of tickets shows, in a few queries whatever the page size (no N+1). */
async function extras(db: DbOrTrx, rows: Ticket[]) {
  const ids = rows.map((r) => r.id);
  const mergedIds = [...new Set(rows.flatMap((r) => (r.merged_into_id ? [r.merged_into_id] : [])))];
  const [config, licenses, products, merged, authors] = await Promise.all([
    ticketConfigWith(db, { types: rows.map((r) => r.type_key), departments: rows.map((r) => r.department_key) }),
    ids.length
      ? db
          .selectFrom('ticket_licenses as tl')
          .innerJoin(licenseKeysTable(db).as('l'), 'l.id', 'tl.license_id')
          .select(['tl.ticket_id', 'l.key'])
          .where('tl.ticket_id', 'in', ids)
          .execute()
      : [],
    productNames(
      db,
      rows.flatMap((r) => (r.product_id ? [r.product_id] : [])),
    ),
    mergedIds.length ? db.selectFrom('tickets').select(['id', 'number']).where('id', 'in', mergedIds).execute() : [],
    profileNames(
      db,
      rows.flatMap((r) => (r.author_id ? [r.author_id] : [])),
    ),
  ]);
  const typeName = new Map([...config.types.values()].map((t) => [t.key, t.name]));
  const depName = new Map([...config.departments.values()].map((d) => [d.key, d.name]));
  const productName = products;
  const authorName = authors;
  const mergedNumber = new Map(merged.map((m) => [m.id, Number(m.number)]));
  return (t: Ticket): TicketExtras => ({
    typeName: typeName.get(t.type_key) ?? t.type_key,
    departmentName: depName.get(t.department_key) ?? t.department_key,
    licenses: licenses.filter((l) => l.ticket_id === t.id).map((l) => l.key),
    productName: t.product_id ? (productName.get(t.product_id) ?? null) : null,
    authorName: t.author_id ? (authorName.get(t.author_id) ?? null) : null,
    mergedInto: t.merged_into_id ? (mergedNumber.get(t.merged_into_id) ?? null) : null,
    precloseRule: config.types.get(t.type_key)?.preclose_rule,
  });
}

/** `days` (ctx.config.ticketDays) gives each solved ticket its close date (T-8, T-9). */
export async function presentTickets(db: DbOrTrx, rows: Ticket[], days?: TicketDays) {
  const x = await extras(db, rows);
  return rows.map((t) => presentTicket(t, x(t), days));
}

export async function presentStaffTickets(db: DbOrTrx, rows: Ticket[], days?: TicketDays) {
  const x = await extras(db, rows);
  const companyIds = [...new Set(rows.map((r) => r.company_id))];
  const staffIds = [...new Set(rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])))];
  const [companies, staff, clocks] = await Promise.all([
    companyNames(db, companyIds),
    staffNames(db, staffIds),
    slaClocks(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((t) => {
    const agent = t.assignee_id ? staff.get(t.assignee_id) : undefined;
    return presentStaffTicket(
      t,
      {
        ...x(t),
        company: { id: t.company_id, name: companies.get(t.company_id) ?? '' },
        assignee: t.assignee_id && agent !== undefined ? { id: t.assignee_id, name: agent } : null,
        sla: clocks.get(t.id) ?? null,
      },
      days,
    );
  });
}
