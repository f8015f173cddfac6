import type { DbOrTrx } from '../../core/db/index.js';
import type { Ticket } from './tables.js';
import { AppError, notFound } from '../../core/errors.js';
import { customerVisible } from './policy.js';

/** Ticket numbers in paths: digits only; anything else is simply not found. */
export function parseTicketNumber(raw: string): string | null {
  return /^\d{1,15}$/.test(raw) ? raw : null;
}

/** A ticket of the caller's company by number; another company's number is 404. */
export async function findCompanyTicket(
  db: DbOrTrx,
  companyId: string,
  rawNumber: string,
  forUpdate = false,
): Promise<Ticket> {
  const n = parseTicketNumber(rawNumber);
  if (!n) throw notFound('This ticket');
  let q = db.selectFrom('tickets').selectAll().where('number', '=', n).where('company_id', '=', companyId);
  if (forUpdate) q = q.forUpdate();
  const t = await q.executeTakeFirst();
  if (!t) throw notFound('This ticket');
  return t;
}

export async function findTicket(db: DbOrTrx, rawNumber: string, forUpdate = false): Promise<Ticket> {
  const n = parseTicketNumber(rawNumber);
  if (!n) throw notFound('This ticket');
  let q = db.selectFrom('tickets').selectAll().where('number', '=', n);
  if (forUpdate) q = q.forUpdate();
  const t = await q.executeTakeFirst();
  if (!t) throw notFound('This ticket');
  return t;
}

export const openStatuses = ['submitted', 'assigned', 'in_progress', 'reopened'] as const;

/** T-16: a merged ticket is closed for good: its conversation goes on in the ticket it was merged into. */
export async function mergedConflict(db: DbOrTrx, t: Pick<Ticket, 'merged_into_id'>): Promise<AppError> {
  const target = t.merged_into_id
    ? await db.selectFrom('tickets').select('number').where('id', '=', t.merged_into_id).executeTakeFirst()
    : undefined;
  return new AppError('conflict', `This ticket was merged into ticket #${target?.number ?? '?'}: continue there.`);
}

/** An attachment of the ticket that its company may download: not one of an internal note (T-16). */
export function findCustomerAttachment(db: DbOrTrx, ticketId: string, attachmentId: string) {
  return db
    .selectFrom('ticket_attachments as a')
    .innerJoin('ticket_messages as m', 'm.id', 'a.message_id')
    .select(['a.storage_key', 'a.name', 'a.media_type', 'a.size', 'a.sha256'])
    .where('a.id', '=', attachmentId)
    .where('a.ticket_id', '=', ticketId)
    .$call((q) => customerVisible(q, 'm.internal'))
    .executeTakeFirst();
}

/** The numbers of these tickets, by id, in one query (S-2: the credit ledger links its entries' tickets). */
export async function ticketNumbers(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, String(r.number)]));
}

/** T-18: the head of a department (null: none named), for rules on who works a ticket. */
export async function departmentHeadId(db: DbOrTrx, departmentKey: string): Promise<string | null> {
  const d = await db
    .selectFrom('departments')
    .select('head_staff_id')
    .where('key', '=', departmentKey)
    .executeTakeFirst();
  return d?.head_staff_id ?? null;
}
