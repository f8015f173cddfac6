import { type ExpressionBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../../core/db/index.js';
import { decodeCursor, type Page, toPage } from '../../core/pagination.js';
import { profileNamesTable } from '../accounts/index.js';
import { catalogProducts } from '../licenses/index.js';
import { customerTicketFiles } from '../tickets/index.js';
import { presentCompanyFile, presentProductFile } from './presenters.js';
import type { CompanyFileDto, ListQuery, ProductFileDto } from './schemas.js';

/**
 * F-2: the order of a folder's list and the keyset condition after a cursor, over the `name`, `size`,
 * `created_at` and `id` columns of a table or derived table (under `alias`). Each sort has its own
 * index (folder columns, sort key, id); both keys go the same way, so one row comparison suffices.
 */
function sortKey(q: ListQuery, alias = '') {
  // The column names are checked by the callers' row types (name, size, created_at, id), not here.
  const col = (c: string) => (alias ? `${alias}.${c}` : c) as never;
  const expr = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
    q.sort === 'name'
      ? sql<string>`lower(${eb.ref(col('name'))})`
      : q.sort === 'size'
        ? eb.ref(col('size'))
        : eb.ref(col('created_at'));
  const cursorValue = (row: { name: string; size: number; created_at: Date }) =>
    q.sort === 'name' ? row.name.toLowerCase() : q.sort === 'size' ? Number(row.size) : row.created_at.toISOString();
  const after = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
    if (!q.cursor) return sql<boolean>`true`;
    const [v, id] = decodeCursor(q.cursor, [
      q.sort === 'date' ? 'time' : q.sort === 'size' ? 'number' : 'string',
      'uuid',
    ]);
    const value = q.sort === 'date' ? new Date(String(v)) : q.sort === 'size' ? Number(v) : String(v);
    if (q.sort === 'date' && Number.isNaN((value as Date).getTime())) return sql<boolean>`false`;
    const op = q.order === 'asc' ? sql`>` : sql`<`;
    return sql<boolean>`(${expr(eb)}, ${eb.ref(col('id'))}) ${op} (${value}, ${String(id)}::uuid)`;
  };
  return { expr, after, cursorValue };
}

/** F-2: one page of a company's My files. */
export async function listCompanyFiles(db: DbOrTrx, companyId: string, q: ListQuery): Promise<Page<CompanyFileDto>> {
  const k = sortKey(q, 'f');
  const rows = await withUploaderName(db)
    .where('f.company_id', '=', companyId)
    .where((eb) => k.after(eb))
    .orderBy((eb) => k.expr(eb), q.order)
    .orderBy('f.id', q.order)
    .limit(q.limit + 1)
    .execute();
  return toPage(rows, q.limit, presentCompanyFile, (r) => [k.cursorValue(r), r.id]);
}

/**
 * F-1 Ticket files: every attachment of the company's tickets (internal notes' files excluded),
 * sorted like any folder (F-2); downloads go through the ticket's own route.
 */
export async function listTicketFiles(db: DbOrTrx, companyId: string, q: ListQuery): Promise<Page<CompanyFileDto>> {
  const k = sortKey(q, 'a');
  const rows = await db
    .selectFrom(customerTicketFiles(db, companyId).as('a'))
    .leftJoin(profileNamesTable(db).as('p'), 'p.id', 'a.author_profile_id')
    .select([
      'a.id',
      'a.name',
      'a.size',
      'a.media_type',
      'a.created_at',
      'a.number',
      'a.title',
      'a.author_kind',
      'p.name as author_name',
    ])
    .where((eb) => k.after(eb))
    .orderBy((eb) => k.expr(eb), q.order)
    .orderBy('a.id', q.order)
    .limit(q.limit + 1)
    .execute();
  return toPage(
    rows,
    q.limit,
    (r): CompanyFileDto => ({
      id: r.id,
      name: r.name,
      description: `Ticket #${r.number}: ${r.title}`,
      size: Number(r.size),
      mediaType: r.media_type,
      createdAt: r.created_at.toISOString(),
      uploadedBy:
        r.author_kind === 'profile'
          ? { kind: 'profile', name: r.author_name ?? '' }
          : { kind: 'vendor', name: 'Support' },
      downloadUrl: `/api/v1/tickets/${r.number}/attachments/${r.id}`,
    }),
    (r) => [k.cursorValue({ name: r.name, size: Number(r.size), created_at: r.created_at }), r.id],
  );
}

/** F-2: one page of a product's folder (one version, or the files of no version). */
export async function listProductFiles(
  db: DbOrTrx,
  productId: string,
  version: string | null,
  q: ListQuery,
): Promise<Page<ProductFileDto>> {
  const k = sortKey(q);
  const rows = await db
    .selectFrom('product_files')
    .selectAll()
    .where('product_id', '=', productId)
    .where((eb) => (version === null ? eb('version', 'is', null) : eb('version', '=', version)))
    .where((eb) => k.after(eb))
    .orderBy((eb) => k.expr(eb), q.order)
    .orderBy('id', q.order)
    .limit(q.limit + 1)
    .execute();
  return toPage(rows, q.limit, presentProductFile, (r) => [k.cursorValue(r), r.id]);
}

/** F-6: bytes the company's own members have uploaded (files the vendor put there do not count). */
export async function companyUsage(db: DbOrTrx, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('company_files')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('size'), sql<number>`0`).as('used'))
    .where('company_id', '=', companyId)
    .where('uploaded_by_profile', 'is not', null)
    .executeTakeFirst();
  return Number(row?.used ?? 0);
}

/** Company files with the name of the profile who uploaded each (null for the vendor's), aliased `f`. */
function withUploaderName(db: DbOrTrx) {
  return db
    .selectFrom('company_files as f')
    .leftJoin(profileNamesTable(db).as('p'), 'p.id', 'f.uploaded_by_profile')
    .selectAll('f')
    .select('p.name as uploader_name');
}

/** One company file with its uploader's name, as the list shows it. */
export async function findCompanyFileWithUploader(db: DbOrTrx, id: string) {
  return withUploaderName(db).where('f.id', '=', id).executeTakeFirstOrThrow();
}

export async function findCompanyFile(db: DbOrTrx, id: string) {
  return db.selectFrom('company_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProductFile(db: DbOrTrx, id: string) {
  return db
    .selectFrom('product_files as f')
    .innerJoin(catalogProducts(db).as('p'), 'p.id', 'f.product_id')
    .selectAll('f')
    .select(['p.kind as product_kind', 'p.name as product_name', 'p.slug as product_slug'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}
