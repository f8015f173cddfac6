import type { DbOrTrx } from '../../core/db/index.js';
import { customerVisible } from './policy.js';

/**
 * F-1 Ticket files: the attachments of a company's tickets that its customers may see (internal
 * notes' files excluded, T-16), with the ticket's number and title and who wrote the message, as a
 * derived table: the file area pages, sorts and joins it in one query (PostgreSQL flattens the
 * subquery, so the ticket_attachments company indexes serve each sort).
 */
export function customerTicketFiles(db: DbOrTrx, companyId: string) {
  return customerVisible(
    db
      .selectFrom('ticket_attachments as a')
      .innerJoin('ticket_messages as m', 'm.id', 'a.message_id')
      .innerJoin('tickets as t', 't.id', 'a.ticket_id')
      .select([
        'a.id',
        'a.name',
        'a.size',
        'a.media_type',
        'a.created_at',
        't.number',
        't.title',
        'm.author_kind',
        'm.author_profile_id',
      ])
      .where('a.company_id', '=', companyId),
    'm.internal',
  );
}

/** F-1: how many attachments of the company's tickets its customers may see (T-16). */
export async function countCustomerAttachments(db: DbOrTrx, companyId: string): Promise<number> {
  const row = await customerVisible(
    db
      .selectFrom('ticket_attachments as a')
      .innerJoin('ticket_messages as m', 'm.id', 'a.message_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('a.company_id', '=', companyId),
    'm.internal',
  ).executeTakeFirst();
  return Number(row?.n ?? 0);
}
