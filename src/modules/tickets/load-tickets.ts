import type { DbOrTrx } from '../../core/db/index.js';
import type { Ticket } from './tables.js';
import { ticketConfigWith } from './ticket-config.js';
import { presentStaffTicket, presentTicket, type TicketExtras } from './presenters.js';

/** The names a page of tickets shows, in four queries whatever the page size (no N+1). */
async function extras(db: DbOrTrx, rows: Ticket[]) {
  const ids = rows.map((r) => r.id);
  const mergedIds = [...new Set(rows.flatMap((r) => (r.merged_into_id ? [r.merged_into_id] : [])))];
  const [config, licenses, products, merged, authors] = await Promise.all([
    ticketConfigWith(db, { types: rows.map((r) => r.type_key), departments: rows.map((r) => r.department_key) }),
    ids.length
      ? db
          .selectFrom('ticket_licenses as tl')
          .innerJoin('licenses as l', 'l.id', 'tl.license_id')
          .select(['tl.ticket_id', 'l.key'])
          .where('tl.ticket_id', 'in', ids)
          .execute()
      : [],
    rows.some((r) => r.product_id)
      ? db
          .selectFrom('products')
          .select(['id', 'name'])
          .where('id', 'in', [...new Set(rows.flatMap((r) => (r.product_id ? [r.product_id] : [])))])
          .execute()
      : [],
    mergedIds.length ? db.selectFrom('tickets').select(['id', 'number']).where('id', 'in', mergedIds).execute() : [],
    rows.some((r) => r.author_id)
      ? db
          .selectFrom('profiles')
          .select(['id', 'name'])
          .where('id', 'in', [...new Set(rows.flatMap((r) => (r.author_id ? [r.author_id] : [])))])
          .execute()
      : [],
  ]);
  const typeName = new Map([...config.types.values()].map((t) => [t.key, t.name]));
  const depName = new Map([...config.departments.values()].map((d) => [d.key, d.name]));
  const productName = new Map(products.map((p) => [p.id, p.name]));
  const authorName = new Map(authors.map((p) => [p.id, p.name]));
  const mergedNumber = new Map(merged.map((m) => [m.id, Number(m.number)]));
  return (t: Ticket): TicketExtras => ({
    typeName: typeName.get(t.type_key) ?? t.type_key,
    departmentName: depName.get(t.department_key) ?? t.department_key,
    licenses: licenses.filter((l) => l.ticket_id === t.id).map((l) => l.key),
    productName: t.product_id ? (productName.get(t.product_id) ?? null) : null,
    authorName: t.author_id ? (authorName.get(t.author_id) ?? null) : null,
    mergedInto: t.merged_into_id ? (mergedNumber.get(t.merged_into_id) ?? null) : null,
  });
}

export async function presentTickets(db: DbOrTrx, rows: Ticket[]) {
  const x = await extras(db, rows);
  return rows.map((t) => presentTicket(t, x(t)));
}

export async function presentStaffTickets(db: DbOrTrx, rows: Ticket[]) {
  const x = await extras(db, rows);
  const companyIds = [...new Set(rows.map((r) => r.company_id))];
  const staffIds = [...new Set(rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])))];
  const [companies, staff] = await Promise.all([
    companyIds.length ? db.selectFrom('companies').select(['id', 'name']).where('id', 'in', companyIds).execute() : [],
    staffIds.length ? db.selectFrom('staff_users').select(['id', 'name']).where('id', 'in', staffIds).execute() : [],
  ]);
  const company = new Map(companies.map((c) => [c.id, c]));
  const agent = new Map(staff.map((s) => [s.id, s]));
  return rows.map((t) =>
    presentStaffTicket(t, {
      ...x(t),
      company: company.get(t.company_id) ?? { id: t.company_id, name: '' },
      assignee: t.assignee_id ? (agent.get(t.assignee_id) ?? null) : null,
    }),
  );
}
