import { Readable } from 'node:stream';
import type { AddressObject, ParsedMail } from 'mailparser';
import type { AppContext } from '../../../core/context.js';
import { AppError, isUniqueViolation } from '../../../core/errors.js';
import { receivedMediaType, sanitizeFileName } from '../../../core/storage/files.js';
import type { ReceivedFile } from '../../../core/storage/receive-uploads.js';
import { createTicket } from '../create-ticket.js';
import { postCustomerMessage, postStaffMessage } from '../post-message.js';
import { maxAttachments } from '../read-body.js';
import { type InboundChecks, attributeInbound, checkReplyToken, envelopeSender } from './attribute-inbound.js';
import {
  authenticateReceived,
  authenticationFromHeaders,
  type DNSResolver,
  type MailAuthentication,
} from './authenticate-mail.js';
import { automaticKind, headerBytes, stripQuoted } from './classify.js';

/** Above this, the header section alone makes a message suspect: it is held unparsed. */
export const maxHeaderBytes = 256 * 1024;
/**
 * A claim on a stored mail lapses this long (by the clock) after its last heartbeat: its process
 * died, and the inbound-mail job (every 15 s) takes it over, so it is processed within a minute.
 */
export const inboundLeaseMs = 40_000;
/** How often a claim's heartbeat is written while a mail is being processed (real time). */
const heartbeatMs = 10_000;

export type InboundOutcome =
  | { state: 'posted' | 'opened'; ticketNumber: string }
  | { state: 'held' | 'duplicate'; reason: string }
  | { state: 'skipped' };

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase()));

/**
 * E-2 / T-15: turns one stored inbound message into a ticket message, a new ticket, or a held
 * message for staff review — never an automatic answer. Who wrote it is never taken from From:
 * alone (attributeInbound): a reply is attributed by its signed reply address, or by a sender whose
 * domain authenticated the mail; a failed DMARC check or a foreign envelope sender holds it. A new
 * ticket to the support address needs a known profile and that authentication. Bounces,
 * auto-replies, unknown senders, malformed MIME and giant headers are held; what the decision rested
 * on is stored with the mail (`checks`). Claimed with a conditional update (safe with several
 * processes) under a short lease renewed while it runs. A redelivery (the Message-ID of a mail
 * already received, or already posted: it is unique on ticket messages) is never posted twice and
 * is kept as 'duplicate', out of the staff review queue.
 */
export async function processInbound(ctx: AppContext, id: string, opts: ProcessOptions = {}): Promise<InboundOutcome> {
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .updateTable('inbound_mail')
    .set({ state: 'processing', processed_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'received'),
        eb.and([eb('state', '=', 'processing'), eb('processed_at', '<', new Date(now.getTime() - inboundLeaseMs))]),
      ]),
    )
    .returning(['raw', 'via', 'envelope_from', 'envelope_to', 'client_ip', 'helo', 'checks'])
    .executeTakeFirst();
  if (!claimed) return { state: 'skipped' };
  // The claim's heartbeat: while this runs (DNS checks, attachments), nobody takes the mail over.
  const heartbeat = setInterval(() => {
    ctx.db
      .updateTable('inbound_mail')
      .set({ processed_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('state', '=', 'processing')
      .execute()
      .catch((err) => ctx.log.warn({ err, inboundMailId: id }, 'could not renew the claim on an inbound mail'));
  }, opts.heartbeatMs ?? heartbeatMs);
  const finish = async (outcome: InboundOutcome, meta: FinishMeta = {}) => {
    await ctx.db
      .updateTable('inbound_mail')
      .set({
        state: outcome.state === 'skipped' ? 'held' : outcome.state,
        reason: outcome.state === 'held' || outcome.state === 'duplicate' ? outcome.reason : '',
        from_address: (meta.from ?? '').slice(0, 500),
        subject: (meta.subject ?? '').slice(0, 1000),
        message_id: (meta.messageId ?? '').slice(0, 1000),
        ticket_id: meta.ticketId ?? null,
        // Kept from an earlier run when this one stopped before checking (an unexpected failure).
        ...(meta.checks ? { checks: JSON.stringify(meta.checks) } : {}),
        processed_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    return outcome;
  };
  try {
    return await processClaimed(ctx, id, claimed, finish, opts);
  } catch (e) {
    // Never left "processing": an unexpected failure holds the message for staff, who can retry it.
    ctx.log.error({ err: e, inboundMailId: id }, 'inbound mail could not be processed');
    return finish({ state: 'held', reason: `Could not be processed: ${clean((e as Error).message).slice(0, 200)}` });
  } finally {
    clearInterval(heartbeat);
  }
}

interface FinishMeta {
  from?: string;
  subject?: string;
  messageId?: string;
  ticketId?: string | null;
  checks?: InboundChecks;
}
type Finish = (outcome: InboundOutcome, meta?: FinishMeta) => Promise<InboundOutcome>;

interface Claimed {
  raw: Buffer;
  via: 'smtp' | 'pipe' | 'api';
  envelope_from: string;
  envelope_to: string;
  client_ip: string;
  helo: string;
  checks: unknown;
}

export interface ProcessOptions {
  /** DNS for the listener's SPF/DKIM/DMARC check (default: the system's); tests pass a stub. */
  resolver?: DNSResolver;
  /** How often the claim's heartbeat is written (real time; 10 s): tests shorten it. */
  heartbeatMs?: number;
}

/** NUL cannot be stored in PostgreSQL text: taken out of everything read from a mail. */
const clean = (s: string) => s.replaceAll('\u0000', '');

async function processClaimed(
  ctx: AppContext,
  id: string,
  claimed: Claimed,
  finish: Finish,
  opts: ProcessOptions,
): Promise<InboundOutcome> {
  const raw = claimed.raw;
  if (headerBytes(raw) > maxHeaderBytes)
    return finish({
      state: 'held',
      reason: `The header section is ${Math.round(headerBytes(raw) / 1024)} KB; more than ${maxHeaderBytes / 1024} KB is not parsed.`,
    });
  let mail: ParsedMail;
  try {
    // mailparser is loaded on first use: start-up does not pay for it (issue 10.12).
    const { simpleParser } = await import('mailparser');
    mail = await simpleParser(raw, { skipHtmlToText: false, maxHtmlLengthToParse: 2_000_000 });
  } catch (e) {
    return finish({ state: 'held', reason: `Malformed message: ${(e as Error).message.slice(0, 200)}` });
  }
  const fromAll = addresses(mail.from);
  const from = clean(fromAll[0] ?? '');
  const subject = clean(mail.subject ?? '');
  const messageId = clean(mail.messageId ?? `<inbound-${id}@${ctx.mailDomain}>`).slice(0, 900);
  const meta = { from, subject, messageId };
  if (mail.messageId) {
    // A redelivery (the sender's MTA retried after a lost 250, a forward loop): the first copy decides.
    const first = await ctx.db
      .selectFrom('inbound_mail')
      .select(['id', 'ticket_id'])
      .where('message_id', '=', messageId)
      .where('id', '<>', id)
      .where('state', 'in', ['posted', 'opened', 'held', 'discarded'])
      .orderBy('received_at')
      .limit(1)
      .executeTakeFirst();
    if (first) return duplicate(ctx, id, finish, { ...meta, ticketId: first.ticket_id }, first.id);
  }
  if (!from) return finish({ state: 'held', reason: 'No sender address.' }, meta);
  if (fromAll.length > 1)
    return finish({ state: 'held', reason: 'More than one From: address: whose mail it is cannot be told.' }, meta);
  const automatic = automaticKind(mail.headers, claimed.envelope_from, from);
  if (automatic)
    return finish(
      {
        state: 'held',
        reason:
          automatic === 'bounce'
            ? 'A bounce (delivery report): never answered.'
            : 'An automatic reply: never answered.',
      },
      meta,
    );

  // What attribution rests on (E-2): the domain's authentication, the envelope, the reply address token.
  const recipients = [
    ...claimed.envelope_to.toLowerCase().split(/[\s,]+/),
    ...addresses(mail.to),
    ...addresses(mail.cc),
  ].filter(Boolean);
  const envelopeFrom = envelopeSender(claimed.envelope_from);
  const checks: InboundChecks = {
    authentication: await authenticationOf(ctx, claimed, mail, from, opts),
    envelopeFrom,
    envelopeMatches: envelopeFrom === null ? null : envelopeFrom === from,
    token: await checkReplyToken(ctx, recipients, from),
  };
  const withChecks = { ...meta, checks };
  const refs = [
    mail.inReplyTo ?? '',
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ].filter(Boolean);
  const who = await attributeInbound(ctx, { from, subject, refs, recipients }, checks);
  if (who.kind === 'held') {
    const t = who.ticketNumber
      ? await ctx.db.selectFrom('tickets').select('id').where('number', '=', who.ticketNumber).executeTakeFirst()
      : undefined;
    return finish({ state: 'held', reason: who.reason }, { ...withChecks, ticketId: t?.id ?? null });
  }

  const mailText = clean(mail.text ?? '');
  const text = stripQuoted(mailText) || mailText.trim() || '(empty message)';
  const files = await storeAttachments(ctx, mail);
  const body = files.skipped.length ? `${text}\n\n[Not kept: ${files.skipped.join(', ')}]` : text;
  try {
    if (who.ticketNumber) {
      const ticketNumber = who.ticketNumber;
      try {
        const r =
          who.kind === 'staff'
            ? await postStaffMessage(
                ctx,
                who.actor,
                ticketNumber,
                { body, internal: false, source: 'email', emailMessageId: messageId },
                files.kept,
              )
            : await postCustomerMessage(
                ctx,
                who.actor,
                ticketNumber,
                { body, source: 'email', emailMessageId: messageId },
                files.kept,
              );
        return finish({ state: 'posted', ticketNumber: r.ticket.number }, { ...withChecks, ticketId: r.ticket.id });
      } catch (e) {
        await discardFiles(ctx, files.kept);
        if (e instanceof AppError) {
          const t = await ctx.db
            .selectFrom('tickets')
            .select('id')
            .where('number', '=', ticketNumber)
            .executeTakeFirst();
          return finish(
            { state: 'held', reason: `Not posted to ticket #${ticketNumber}: ${e.message}` },
            { ...withChecks, ticketId: t?.id ?? null },
          );
        }
        throw e;
      }
    }
    if (who.kind !== 'profile') throw new Error('A staff reply always names its ticket.');
    const t = await createTicket(
      ctx,
      who.actor,
      {
        type: 'generic',
        licenses: [],
        priority: 'normal',
        hotrush: false,
        title: (subject.trim() || '(no subject)').slice(0, 200),
        message: body.slice(0, 50_000),
      },
      files.kept,
      { source: 'email', emailMessageId: messageId },
    );
    return finish({ state: 'opened', ticketNumber: t.number }, { ...withChecks, ticketId: t.id });
  } catch (e) {
    await discardFiles(ctx, files.kept);
    if (isUniqueViolation(e)) {
      const posted = await ctx.db
        .selectFrom('ticket_messages')
        .select('ticket_id')
        .where('email_message_id', '=', messageId)
        .executeTakeFirst();
      return duplicate(ctx, id, finish, { ...withChecks, ticketId: posted?.ticket_id ?? null }, null);
    }
    throw e;
  }
}

/** A redelivery: kept as 'duplicate' (not for review) and logged, never posted again. */
function duplicate(ctx: AppContext, id: string, finish: Finish, meta: FinishMeta, firstId: string | null) {
  ctx.log.info(
    { inboundMailId: id, messageId: meta.messageId, firstCopy: firstId },
    'inbound mail: a redelivery of a message already received (same Message-ID); not posted again',
  );
  return finish(
    {
      state: 'duplicate',
      reason: firstId
        ? 'A redelivery of a message already received (same Message-ID).'
        : 'A redelivery of a message already posted (same Message-ID).',
    },
    meta,
  );
}

/**
 * The listener's own SPF/DKIM/DMARC check (done once: a later run reuses it, unless DNS failed), or
 * for piped mail the trusted MTA's Authentication-Results header.
 */
async function authenticationOf(
  ctx: AppContext,
  claimed: Claimed,
  mail: ParsedMail,
  from: string,
  opts: ProcessOptions,
): Promise<MailAuthentication> {
  const headerLines = mail.headerLines ?? [];
  if (claimed.via !== 'smtp') return authenticationFromHeaders(headerLines, ctx.config.inboundTrustedAuthservId, from);
  const before = (claimed.checks as Partial<InboundChecks> | null)?.authentication;
  if (before && before.by === 'listener' && !before.temporary && before.fromDomain === from.split('@').pop())
    return before;
  const a = await authenticateReceived(
    claimed.raw,
    {
      ip: claimed.client_ip,
      helo: claimed.helo,
      sender: envelopeSender(claimed.envelope_from) ?? '',
      mta: ctx.mailDomain,
    },
    from,
    opts.resolver,
  );
  // Whatever Authentication-Results the sender put in count for nothing here: say so.
  return { ...a, ignoredHeaders: headerLines.filter((h) => h.key.toLowerCase() === 'authentication-results').length };
}

async function storeAttachments(
  ctx: AppContext,
  mail: ParsedMail,
): Promise<{ kept: ReceivedFile[]; skipped: string[] }> {
  const kept: ReceivedFile[] = [];
  const skipped: string[] = [];
  for (const a of mail.attachments ?? []) {
    // Mail clients send bare names; a name with a path keeps only its last part.
    const rawName =
      clean(a.filename ?? 'attachment')
        .split(/[/\\]/)
        .filter((p) => p && p !== '..')
        .pop() ?? 'attachment';
    let name: string;
    try {
      name = sanitizeFileName(rawName);
    } catch {
      name = 'attachment';
    }
    if (a.size > ctx.config.fileMaxBytes) {
      skipped.push(`${name} (too large)`);
      continue;
    }
    if (kept.length >= maxAttachments) {
      skipped.push(`${name} (more than ${maxAttachments} attachments)`);
      continue;
    }
    const stored = await ctx.storage.put(Readable.from([a.content]), {
      maxBytes: ctx.config.fileMaxBytes,
      prefix: 'tickets',
    });
    kept.push({
      name,
      mediaType: receivedMediaType(
        /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i.test(a.contentType) ? a.contentType.toLowerCase() : 'application/octet-stream',
        stored.head,
      ),
      stored,
    });
  }
  return { kept, skipped };
}

async function discardFiles(ctx: AppContext, files: ReceivedFile[]) {
  await Promise.all(files.map((f) => ctx.storage.delete(f.stored.key).catch(() => undefined)));
}

/** Processes every stored message still waiting (after a restart, or when a run failed). */
export async function processPendingInbound(ctx: AppContext): Promise<number> {
  const staleBefore = new Date(ctx.clock.now().getTime() - inboundLeaseMs);
  const rows = await ctx.db
    .selectFrom('inbound_mail')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('state', '=', 'received'),
        eb.and([eb('state', '=', 'processing'), eb('processed_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('received_at')
    .limit(100)
    .execute();
  for (const r of rows) {
    // One message's failure (it is held by processInbound) never stops the others.
    await processInbound(ctx, r.id).catch((err) => ctx.log.error({ err, inboundMailId: r.id }, 'inbound mail failed'));
  }
  return rows.length;
}
