import type { DbOrTrx } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import type { TicketStatus } from './tables.js';
import { parseTicketNumber } from './queries.js';

/** What the support module needs of a ticket to assess it (S-2…S-4). */
export interface TicketForSupport {
  id: string;
  number: string;
  companyId: string;
  typeKey: string;
  departmentKey: string;
  status: TicketStatus;
  mergedIntoId: string | null;
  productId: string | null;
  version: string;
  createdAt: Date;
  /** The ticket's licenses (ids). */
  licenseIds: string[];
}

/**
 * S-2: a ticket by number for the support module, with its licenses. `companyId`: the caller's company
 * (a customer): another company's ticket is 404, as every customer route of tickets answers.
 */
export async function ticketForSupport(db: DbOrTrx, rawNumber: string, companyId?: string): Promise<TicketForSupport> {
  const n = parseTicketNumber(rawNumber);
  if (!n) throw notFound('This ticket');
  let q = db
    .selectFrom('tickets')
    .select([
      'id',
      'number',
      'company_id',
      'type_key',
      'department_key',
      'status',
      'merged_into_id',
      'product_id',
      'version',
      'created_at',
    ])
    .where('number', '=', n);
  if (companyId) q = q.where('company_id', '=', companyId);
  const t = await q.executeTakeFirst();
  if (!t) throw notFound('This ticket');
  const licenses = await db.selectFrom('ticket_licenses').select('license_id').where('ticket_id', '=', t.id).execute();
  return {
    id: t.id,
    number: t.number,
    companyId: t.company_id,
    typeKey: t.type_key,
    departmentKey: t.department_key,
    status: t.status,
    mergedIntoId: t.merged_into_id,
    productId: t.product_id,
    version: t.version,
    createdAt: t.created_at,
    licenseIds: licenses.map((l) => l.license_id),
  };
}
