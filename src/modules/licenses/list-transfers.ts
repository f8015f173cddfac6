import type { DbOrTrx } from '../../core/db/index.js';
import { companyNamesTable } from '../accounts/index.js';

/**
 * L-7: the transfer requests a company sent or received (newest first), or every open request
 * (staff, `companyId` null).
 */
export async function listTransfers(
  db: DbOrTrx,
  companyId: string | null,
  opts: { openOnly?: boolean; limit?: number; id?: string } = {},
) {
  let q = db
    .selectFrom('license_transfers as t')
    .innerJoin('licenses as l', 'l.id', 't.license_id')
    .innerJoin(companyNamesTable(db).as('f'), 'f.id', 't.from_company_id')
    .leftJoin(companyNamesTable(db).as('c'), 'c.id', 't.to_company_id')
    .select([
      't.id',
      'l.key',
      't.from_company_id',
      't.to_company_id',
      't.to_email',
      't.new_customer',
      't.state',
      't.requested_at',
      't.resolved_at',
      'f.name as from_name',
      'c.name as to_name',
    ]);
  if (companyId)
    q = q.where((eb) => eb.or([eb('t.from_company_id', '=', companyId), eb('t.to_company_id', '=', companyId)]));
  if (opts.id) q = q.where('t.id', '=', opts.id);
  if (opts.openOnly) q = q.where('t.state', '=', 'requested');
  const rows = await q
    .orderBy('t.requested_at', 'desc')
    .limit(opts.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    licenseKey: r.key,
    direction: (companyId && r.to_company_id === companyId && r.from_company_id !== companyId
      ? 'incoming'
      : 'outgoing') as 'incoming' | 'outgoing',
    toEmail: r.to_email,
    newCustomer: r.new_customer !== null,
    fromCompany: r.from_name,
    toCompany: r.to_name ?? (r.new_customer as { company?: { name?: string } } | null)?.company?.name ?? null,
    state: r.state,
    requestedAt: r.requested_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  }));
}
