import { sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import type { License } from './tables.js';
import { decodeCursor, type Page, toPage } from '../../core/pagination.js';
import { presentLicense } from './presenters.js';
import { brandNames, licenseItems, licenseSubscriptions, openRequests } from './queries.js';
import type { LicenseDto } from './schemas.js';
import { needsAction } from './needs-action.js';

/** Presents licenses with their products, subscriptions and open requests: five queries for any page size. */
export async function presentLicenses(db: DbOrTrx, rows: License[], now: Date): Promise<LicenseDto[]> {
  const ids = rows.map((r) => r.id);
  const [items, subs, open, brands] = await Promise.all([
    licenseItems(db, ids),
    licenseSubscriptions(db, ids),
    openRequests(db, ids),
    brandNames(
      db,
      rows.map((r) => r.brand_id),
    ),
  ]);
  return rows.map((l) =>
    presentLicense(l, {
      brand: brands.get(l.brand_id),
      items: items.get(l.id) ?? [],
      subscriptions: subs.get(l.id) ?? [],
      pendingUrlChange: open.urlChanges.get(l.id),
      openTransfer: open.transfers.get(l.id),
      now,
    }),
  );
}

export async function presentOne(db: DbOrTrx, row: License, now: Date): Promise<LicenseDto> {
  const [dto] = await presentLicenses(db, [row], now);
  return dto as LicenseDto;
}

export interface ListLicensesInput {
  url?: string;
  brand?: string;
  status?: string;
  state?: 'pending' | 'not_accepted' | 'active' | 'revoked' | 'transferred';
  needs?: 'action';
  limit: number;
  cursor?: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * L-2 My licenses: the company's licenses, newest first, filtered by URL (substring), brand and the
 * holder's status; with no filter, all of them. `state=transferred` lists the licenses the company
 * transferred away (L-7), as they were when they left.
 */
export async function listLicenses(
  db: DbOrTrx,
  companyId: string,
  q: ListLicensesInput,
  now: Date,
): Promise<Page<LicenseDto>> {
  if (q.state === 'transferred') return listTransferredAway(db, companyId, q);
  let query = db.selectFrom('licenses').selectAll().where('company_id', '=', companyId);
  if (q.url) query = query.where('url', 'ilike', `%${escapeLike(q.url)}%`);
  if (q.brand) query = query.where('brand_id', '=', q.brand);
  if (q.status) query = query.where('holder_status', '=', q.status);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.needs === 'action') query = query.where(needsAction);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['time', 'uuid']) as [string, string];
    query = query.where(sql<boolean>`(created_at, id) < (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => [r.created_at.toISOString(), r.id],
  );
  return { items: await presentLicenses(db, page.items, now), nextCursor: page.nextCursor };
}

async function listTransferredAway(db: DbOrTrx, companyId: string, q: ListLicensesInput): Promise<Page<LicenseDto>> {
  let query = db
    .selectFrom('license_transfers')
    .select(['id', 'snapshot', 'resolved_at', 'requested_at'])
    .where('from_company_id', '=', companyId)
    .where('state', '=', 'completed');
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['time', 'uuid']) as [string, string];
    query = query.where(sql<boolean>`(requested_at, id) < (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = toPage(
    rows,
    q.limit,
    (r) => ({
      ...(r.snapshot as LicenseDto),
      state: 'transferred' as const,
      transferredAt: r.resolved_at?.toISOString() ?? null,
      pendingUrlChange: null,
      openTransfer: null,
    }),
    (r) => [r.requested_at.toISOString(), r.id],
  );
  const f = (d: LicenseDto) =>
    (!q.url || d.url.toLowerCase().includes(q.url.toLowerCase())) && (!q.brand || d.brand.id === q.brand);
  return { items: page.items.filter(f), nextCursor: page.nextCursor };
}
