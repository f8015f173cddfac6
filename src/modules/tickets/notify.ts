import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import type { Ticket } from './tables.js';
import { type MailInput, queueMails } from '../../core/mail/outbox.js';
import { randomToken } from '../../core/secrets.js';
import { ticketMailPeople } from '../accounts/index.js';
import { type ReplyRecipient, replyToHeader, replyTokenKey } from './reply-token.js';

/** The Message-ID of the mail about one message to one recipient: it names the ticket and the message (E-2 threading). */
export function mailMessageId(
  ticketNumber: string,
  code: string,
  recipient: number,
  domain: string,
  nonce = 'm',
): string {
  return `t${ticketNumber}.${code}.${nonce}.r${recipient}@${domain}`;
}

/** Reads a ticket number and message ID back from one of our Message-IDs (In-Reply-To / References). */
export function parseMailMessageId(id: string, domain: string): { ticketNumber: string; code: string } | null {
  const m = /^<?t(\d{1,15})\.([0-9A-Z]{5}-[0-9A-Z]{5})\.[a-z0-9]{1,16}\.r\d+@([^>]+)>?$/i.exec(id.trim());
  if (!m?.[1] || !m[2] || m[3]?.toLowerCase() !== domain.toLowerCase()) return null;
  return { ticketNumber: m[1], code: m[2].toUpperCase() };
}

export interface TicketMailWhat {
  code: string;
  headline: string;
  body: string;
  kind: string;
  extra?: string;
  status?: boolean;
  rootCode?: string;
  closed?: boolean;
  /** A mail to a staff user (the assigned agent): the staff console's link, a staff reply address. */
  staff?: boolean;
}

/** Someone a ticket mail goes to; `id` is their profile's (or, with kind staff, their staff user's). */
export interface TicketMailPerson {
  id: string;
  email: string;
  name: string;
}

/**
 * T-15: the mails about one message or status change, one per person: the message ID in the
 * subject, a Message-ID that threads (In-Reply-To / References the ticket's first mail), the link,
 * and a Reply-To of the person's own signed reply address (E-2: a reply is attributed by it).
 */
export function ticketMails(
  ctx: AppContext,
  ticket: Pick<Ticket, 'number' | 'title'>,
  people: TicketMailPerson[],
  what: TicketMailWhat,
  rootCode: string | null,
  replyKey: Buffer,
): MailInput[] {
  const kind: ReplyRecipient['kind'] = what.staff ? 'staff' : 'profile';
  const link = `${ctx.config.publicUrl}${what.staff ? '/staff' : ''}/tickets/${ticket.number}`;
  // A status mail repeats the latest message ID in its subject but is a mail of its own.
  const nonce = what.status
    ? randomToken(6)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')
    : what.staff
      ? 's'
      : 'm';
  const replyLine = what.closed
    ? 'The ticket is closed: a reply to this e-mail is not posted. Re-open the ticket at the link above, or open a new one.'
    : what.staff
      ? 'Reply to this e-mail to answer the customer: your reply is posted as an answer (mailed to the customer), not as an internal note.'
      : 'Reply to this e-mail to answer in the ticket.';
  return people.map((p, i): MailInput => {
    const root = rootCode ? `<${mailMessageId(ticket.number, rootCode, i, ctx.mailDomain)}>` : undefined;
    const own = mailMessageId(ticket.number, what.code, i, ctx.mailDomain, nonce);
    return {
      to: p.email,
      kind: what.kind,
      subject: `[#${ticket.number}] ${ticket.title} (message ${what.code})`,
      text: `Hello ${p.name},\n\n${what.headline}\n\n${what.body ? `${what.body}\n\n` : ''}${what.extra ? `${what.extra}\n\n` : ''}Message ID: ${what.code}\nTicket: ${link}\n\n${replyLine}\n`,
      messageId: own,
      headers: {
        ...replyToHeader(ctx, replyKey, ticket.number, { kind, id: p.id }),
        ...(root && root !== `<${own}>` ? { 'In-Reply-To': root, References: root } : {}),
      },
    };
  });
}

/**
 * T-15: mails the ticket's author and every active profile of the company that wants ticket mail
 * about a new message or a status change. Internal notes never reach here. Written to the outbox
 * in the caller's transaction (E-1).
 */
export async function notifyCustomers(
  ctx: AppContext,
  trx: Trx,
  ticket: Pick<Ticket, 'id' | 'number' | 'title' | 'company_id' | 'author_id'>,
  what: TicketMailWhat,
  now: Date,
): Promise<void> {
  const people = await ticketMailPeople(trx, ticket.company_id, ticket.author_id).execute();
  const first = what.rootCode
    ? { message_code: what.rootCode }
    : await trx
        .selectFrom('ticket_messages')
        .select('message_code')
        .where('ticket_id', '=', ticket.id)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
  const key = await replyTokenKey(ctx, trx);
  await queueMails(trx, ticketMails(ctx, ticket, people, what, first?.message_code ?? null, key), now, ctx.mailDomain);
}
