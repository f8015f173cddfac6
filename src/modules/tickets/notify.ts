import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import type { Ticket } from './tables.js';
import { type MailInput, queueMails } from '../../core/mail/outbox.js';
import { randomToken } from '../../core/secrets.js';
import { ticketMailPeople } from '../accounts/index.js';

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
}

/**
 * T-15: the mails about one message or status change, one per person: the message ID in the
 * subject, a Message-ID that threads (In-Reply-To / References the ticket's first mail), the link.
 */
export function ticketMails(
  ctx: AppContext,
  ticket: Pick<Ticket, 'number' | 'title'>,
  people: { email: string; name: string }[],
  what: TicketMailWhat,
  rootCode: string | null,
): MailInput[] {
  const link = `${ctx.config.publicUrl}/tickets/${ticket.number}`;
  // A status mail repeats the latest message ID in its subject but is a mail of its own.
  const nonce = what.status
    ? randomToken(6)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')
    : 'm';
  return people.map((p, i): MailInput => {
    const root = rootCode ? `<${mailMessageId(ticket.number, rootCode, i, ctx.mailDomain)}>` : undefined;
    const own = mailMessageId(ticket.number, what.code, i, ctx.mailDomain, nonce);
    return {
      to: p.email,
      kind: what.kind,
      subject: `[#${ticket.number}] ${ticket.title} (message ${what.code})`,
      text: `Hello ${p.name},\n\n${what.headline}\n\n${what.body ? `${what.body}\n\n` : ''}${what.extra ? `${what.extra}\n\n` : ''}Message ID: ${what.code}\nTicket: ${link}\n\n${what.closed ? 'The ticket is closed: a reply to this e-mail is not posted. Re-open the ticket at the link above, or open a new one.' : 'Reply to this e-mail to answer in the ticket.'}\n`,
      messageId: own,
      headers: root && root !== `<${own}>` ? { 'In-Reply-To': root, References: root } : ({} as Record<string, string>),
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
  await queueMails(trx, ticketMails(ctx, ticket, people, what, first?.message_code ?? null), now, ctx.mailDomain);
}
