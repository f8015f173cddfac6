import type { AppContext } from '../../../core/context.js';
import { staffHas } from '../../../core/permissions.js';
import type { ProfileActor, StaffActor } from '../../../core/policy.js';
import { findActiveProfileByEmail, findProfile } from '../../accounts/index.js';
import { findEnabledStaff } from '../../staff/index.js';
import { messageCodeInSubject } from '../message-code.js';
import { parseMailMessageId } from '../notify.js';
import { type ReplyRecipient, replyTokenKey, replyTokensIn, verifyReplyToken } from '../reply-token.js';
import { describeAuthentication, type MailAuthentication } from './authenticate-mail.js';

/** What an inbound mail's attribution was based on; stored with it (`inbound_mail.checks`) for staff. */
export interface InboundChecks {
  authentication: MailAuthentication;
  /** The SMTP envelope sender (MAIL FROM), when known. */
  envelopeFrom: string | null;
  envelopeMatches: boolean | null;
  token: TokenCheck;
}

export type TokenCheck =
  | { status: 'absent' }
  | { status: 'invalid' }
  | {
      status: 'valid' | 'wrong-sender' | 'inactive';
      ticketNumber: string;
      recipient: ReplyRecipient & { name?: string; email?: string };
    };

export type Attribution =
  | { kind: 'profile'; actor: ProfileActor; ticketNumber: string | null }
  | { kind: 'staff'; actor: StaffActor; ticketNumber: string }
  | { kind: 'held'; reason: string; ticketNumber?: string };

/** The envelope sender as stored (`<a@b>`, `<>`, a bare address, or empty when unknown), normalized. */
export function envelopeSender(stored: string): string | null {
  const s = stored.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return s || null;
}

/** Checks the reply address token among the recipients: made by us, for whom, and is the sender that person? */
export async function checkReplyToken(ctx: AppContext, recipients: string[], from: string): Promise<TokenCheck> {
  const [token] = replyTokensIn(ctx.config.supportAddress, recipients);
  if (!token) return { status: 'absent' };
  const parsed = verifyReplyToken(await replyTokenKey(ctx), token);
  if (!parsed) return { status: 'invalid' };
  const { ticketNumber, recipient } = parsed;
  const person =
    recipient.kind === 'profile'
      ? await findProfile(ctx.db, recipient.id).then((p) => (p?.status === 'active' ? p : undefined))
      : await findEnabledStaff(ctx.db, recipient.id);
  if (!person) return { status: 'inactive', ticketNumber, recipient };
  const who = { ...recipient, name: person.name, email: person.email.toLowerCase() };
  return { status: who.email === from ? 'valid' : 'wrong-sender', ticketNumber, recipient: who };
}

/** Threading without a token: one of our Message-IDs in In-Reply-To / References, else a message ID in the subject. */
export async function threadedTicket(ctx: AppContext, refs: string[], subject: string): Promise<string | null> {
  for (const r of refs) {
    const p = parseMailMessageId(r, ctx.mailDomain);
    if (p) return p.ticketNumber;
  }
  const code = messageCodeInSubject(subject);
  if (!code) return null;
  const m = await ctx.db
    .selectFrom('ticket_messages as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select('t.number')
    .where('m.message_code', '=', code)
    .executeTakeFirst();
  return m?.number ?? null;
}

/**
 * E-2 / T-15: who wrote an inbound mail, or why it is held. Never the From: header alone:
 * - a failed DMARC check, or an envelope sender other than the From: address (unless the From:
 *   domain authenticated the mail), holds it;
 * - a reply address token must be ours (HMAC), made for an active profile or enabled staff user,
 *   and the mail must come from that person's address; its ticket is the one replied to;
 * - without a token, a reply (threaded by Message-ID or message ID) or a new ticket to the support
 *   address counts only from a known profile whose domain authenticated the mail (DMARC pass, or an
 *   aligned DKIM / SPF pass where the domain publishes no DMARC record).
 */
export async function attributeInbound(
  ctx: AppContext,
  mail: { from: string; subject: string; refs: string[]; recipients: string[] },
  checks: InboundChecks,
): Promise<Attribution> {
  const { authentication: auth, token } = checks;
  const how = describeAuthentication(auth);
  if (auth.dmarc?.result === 'fail')
    return {
      kind: 'held',
      reason: `DMARC failed for ${auth.dmarc.domain}${auth.dmarc.policy ? ` (policy ${auth.dmarc.policy})` : ''}: the From: domain does not vouch for this mail (${how}).`,
    };
  if (checks.envelopeMatches === false && !auth.aligned)
    return {
      kind: 'held',
      reason: `The envelope sender <${checks.envelopeFrom}> is not the From: address <${mail.from}>, and ${auth.fromDomain} did not authenticate the mail (${how}).`,
    };

  if (token.status === 'invalid')
    return { kind: 'held', reason: 'The reply address token is not valid: altered, or not made by this helpdesk.' };
  if (token.status === 'inactive')
    return {
      kind: 'held',
      reason: `The reply address of ticket #${token.ticketNumber} was sent to a ${token.recipient.kind === 'staff' ? 'staff user' : 'profile'} that is no longer active.`,
      ticketNumber: token.ticketNumber,
    };
  if (token.status === 'wrong-sender')
    return {
      kind: 'held',
      reason: `The reply address of ticket #${token.ticketNumber} was sent to ${token.recipient.name} <${token.recipient.email}>, but this mail is from ${mail.from}.`,
      ticketNumber: token.ticketNumber,
    };
  if (token.status === 'valid') {
    const { ticketNumber, recipient } = token;
    if (recipient.kind === 'staff') {
      const s = await findEnabledStaff(ctx.db, recipient.id);
      if (!s || !staffHas(s.role, 'staff.tickets'))
        return { kind: 'held', reason: `${recipient.name} may not answer tickets.`, ticketNumber };
      return { kind: 'staff', actor: { kind: 'staff', ...s }, ticketNumber };
    }
    const p = await findProfile(ctx.db, recipient.id);
    if (!p) return { kind: 'held', reason: 'The profile of the reply address is gone.', ticketNumber };
    return {
      kind: 'profile',
      actor: { kind: 'profile', id: p.id, companyId: p.company_id, role: p.role, email: p.email, name: p.name },
      ticketNumber,
    };
  }

  // No token: threading finds the ticket, the sender's domain must vouch for the sender.
  const ticketNumber = await threadedTicket(ctx, mail.refs, mail.subject);
  const profile = await findActiveProfileByEmail(ctx.db, mail.from);
  if (!profile)
    return {
      kind: 'held',
      reason: ticketNumber ? `Unknown sender of a reply to ticket #${ticketNumber}.` : 'Unknown sender.',
    };
  if (ticketNumber) {
    const t = await ctx.db
      .selectFrom('tickets')
      .select(['company_id'])
      .where('number', '=', ticketNumber)
      .executeTakeFirst();
    if (!t) return { kind: 'held', reason: `It replies to ticket #${ticketNumber}, which does not exist.` };
    if (t.company_id !== profile.company_id)
      return { kind: 'held', reason: "The sender is not a profile of the ticket's company." };
  } else if (!mail.recipients.includes(ctx.config.supportAddress)) {
    return { kind: 'held', reason: `Not a reply to a ticket and not sent to ${ctx.config.supportAddress}.` };
  }
  if (!auth.aligned)
    return {
      kind: 'held',
      reason: ticketNumber
        ? `A reply to ticket #${ticketNumber} without its reply address, and ${auth.fromDomain} did not authenticate the sender (${how}).`
        : `A new ticket needs mail that ${auth.fromDomain} authenticates (DMARC, or DKIM/SPF aligned with it): ${how}.`,
      ticketNumber: ticketNumber ?? undefined,
    };
  return {
    kind: 'profile',
    actor: {
      kind: 'profile',
      id: profile.id,
      companyId: profile.company_id,
      role: profile.role,
      email: profile.email,
      name: profile.name,
    },
    ticketNumber,
  };
}

/** The checks in one line for the staff's Inbound mail page (empty when the mail was held before them). */
export function describeChecks(checks: InboundChecks | null): string {
  if (!checks?.authentication) return '';
  const t = checks.token;
  const token =
    t.status === 'absent'
      ? 'no reply address token'
      : t.status === 'invalid'
        ? 'reply address token not valid'
        : `reply address of #${t.ticketNumber} for ${t.recipient.name ?? t.recipient.kind} (${t.recipient.kind}): ${
            t.status === 'valid' ? 'the sender' : t.status === 'inactive' ? 'no longer active' : 'not the sender'
          }`;
  const envelope =
    checks.envelopeMatches === null
      ? 'envelope sender unknown'
      : checks.envelopeMatches
        ? 'envelope sender = From:'
        : `envelope sender ${checks.envelopeFrom} ≠ From:`;
  return [describeAuthentication(checks.authentication), envelope, token].join(' · ');
}
