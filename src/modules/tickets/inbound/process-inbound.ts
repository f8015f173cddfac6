import { Readable } from 'node:stream';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { AppContext } from '../../../core/context.js';
import { AppError, isUniqueViolation } from '../../../core/errors.js';
import type { ProfileActor } from '../../../core/policy.js';
import { receivedMediaType, sanitizeFileName } from '../../../core/storage/files.js';
import type { ReceivedFile } from '../../../core/storage/receive-uploads.js';
import { createTicket } from '../create-ticket.js';
import { messageCodeInSubject } from '../message-code.js';
import { parseMailMessageId } from '../notify.js';
import { postCustomerMessage } from '../post-message.js';
import { maxAttachments } from '../read-body.js';
import { automaticKind, headerBytes, stripQuoted } from './classify.js';
import { findActiveProfileByEmail } from '../../accounts/index.js';

/** Above this, the header section alone makes a message suspect: it is held unparsed. */
export const maxHeaderBytes = 256 * 1024;
const staleClaimMs = 10 * 60_000;

export type InboundOutcome =
  | { state: 'posted' | 'opened'; ticketNumber: string }
  | { state: 'held'; reason: string }
  | { state: 'skipped' };

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase()));

/**
 * E-2 / T-15: turns one stored inbound message into a ticket message, a new ticket, or a held
 * message for staff review — never an automatic answer. Threading: our Message-ID in In-Reply-To /
 * References, else a message ID in the subject. A reply counts only from an active profile of the
 * ticket's company; mail to the support address from a known profile opens a Generic ticket;
 * bounces, auto-replies, unknown senders, malformed MIME and giant headers are held. Claimed with a
 * conditional update (safe with several processes); the mail's Message-ID is unique on ticket
 * messages, so processing it again never posts twice.
 */
export async function processInbound(ctx: AppContext, id: string): Promise<InboundOutcome> {
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .updateTable('inbound_mail')
    .set({ state: 'processing', processed_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'received'),
        eb.and([eb('state', '=', 'processing'), eb('processed_at', '<', new Date(now.getTime() - staleClaimMs))]),
      ]),
    )
    .returning(['raw', 'envelope_from', 'envelope_to'])
    .executeTakeFirst();
  if (!claimed) return { state: 'skipped' };
  const finish = async (
    outcome: InboundOutcome,
    meta: { from?: string; subject?: string; messageId?: string; ticketId?: string | null } = {},
  ) => {
    await ctx.db
      .updateTable('inbound_mail')
      .set({
        state: outcome.state === 'skipped' ? 'held' : outcome.state,
        reason: outcome.state === 'held' ? outcome.reason : '',
        from_address: (meta.from ?? '').slice(0, 500),
        subject: (meta.subject ?? '').slice(0, 1000),
        message_id: (meta.messageId ?? '').slice(0, 1000),
        ticket_id: meta.ticketId ?? null,
        processed_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    return outcome;
  };
  try {
    return await processClaimed(ctx, id, claimed, finish);
  } catch (e) {
    // Never left "processing": an unexpected failure holds the message for staff, who can retry it.
    ctx.log.error({ err: e, inboundMailId: id }, 'inbound mail could not be processed');
    return finish({ state: 'held', reason: `Could not be processed: ${clean((e as Error).message).slice(0, 200)}` });
  }
}

type Finish = (
  outcome: InboundOutcome,
  meta?: { from?: string; subject?: string; messageId?: string; ticketId?: string | null },
) => Promise<InboundOutcome>;

/** NUL cannot be stored in PostgreSQL text: taken out of everything read from a mail. */
const clean = (s: string) => s.replaceAll('\u0000', '');

async function processClaimed(
  ctx: AppContext,
  id: string,
  claimed: { raw: Buffer; envelope_from: string; envelope_to: string },
  finish: Finish,
): Promise<InboundOutcome> {
  const raw = claimed.raw;
  if (headerBytes(raw) > maxHeaderBytes)
    return finish({
      state: 'held',
      reason: `The header section is ${Math.round(headerBytes(raw) / 1024)} KB; more than ${maxHeaderBytes / 1024} KB is not parsed.`,
    });
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: false, maxHtmlLengthToParse: 2_000_000 });
  } catch (e) {
    return finish({ state: 'held', reason: `Malformed message: ${(e as Error).message.slice(0, 200)}` });
  }
  const from = clean(addresses(mail.from)[0] ?? '');
  const subject = clean(mail.subject ?? '');
  const messageId = clean(mail.messageId ?? `<inbound-${id}@${ctx.mailDomain}>`).slice(0, 900);
  const meta = { from, subject, messageId };
  if (!from) return finish({ state: 'held', reason: 'No sender address.' }, meta);
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

  const profile = await findActiveProfileByEmail(ctx.db, from);
  const mailText = clean(mail.text ?? '');
  const text = stripQuoted(mailText) || mailText.trim() || '(empty message)';

  // Threading: one of our Message-IDs, else a message ID in the subject.
  const refs = [
    mail.inReplyTo ?? '',
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ].filter(Boolean);
  let ticketNumber: string | null = null;
  for (const r of refs) {
    const p = parseMailMessageId(r, ctx.mailDomain);
    if (p) {
      ticketNumber = p.ticketNumber;
      break;
    }
  }
  if (!ticketNumber) {
    const code = messageCodeInSubject(subject);
    if (code) {
      const m = await ctx.db
        .selectFrom('ticket_messages as m')
        .innerJoin('tickets as t', 't.id', 'm.ticket_id')
        .select('t.number')
        .where('m.message_code', '=', code)
        .executeTakeFirst();
      ticketNumber = m?.number ?? null;
    }
  }
  if (!profile)
    return finish(
      {
        state: 'held',
        reason: ticketNumber ? `Unknown sender of a reply to ticket #${ticketNumber}.` : 'Unknown sender.',
      },
      meta,
    );
  const actor: ProfileActor = {
    kind: 'profile',
    id: profile.id,
    companyId: profile.company_id,
    role: profile.role,
    email: profile.email,
    name: profile.name,
  };

  const files = await storeAttachments(ctx, mail);
  const body = files.skipped.length ? `${text}\n\n[Not kept: ${files.skipped.join(', ')}]` : text;
  try {
    if (ticketNumber) {
      const t = await ctx.db
        .selectFrom('tickets')
        .select(['id', 'company_id', 'status', 'type_key'])
        .where('number', '=', ticketNumber)
        .executeTakeFirst();
      if (!t || t.company_id !== profile.company_id) {
        await discardFiles(ctx, files.kept);
        return finish(
          {
            state: 'held',
            reason: t
              ? "The sender is not a profile of the ticket's company."
              : `It replies to ticket #${ticketNumber}, which does not exist.`,
          },
          meta,
        );
      }
      try {
        const r = await postCustomerMessage(
          ctx,
          actor,
          ticketNumber,
          { body, source: 'email', emailMessageId: messageId },
          files.kept,
        );
        return finish({ state: 'posted', ticketNumber: r.ticket.number }, { ...meta, ticketId: r.ticket.id });
      } catch (e) {
        await discardFiles(ctx, files.kept);
        if (e instanceof AppError)
          return finish(
            { state: 'held', reason: `Not posted to ticket #${ticketNumber}: ${e.message}` },
            { ...meta, ticketId: t.id },
          );
        throw e;
      }
    }
    const to = [...addresses(mail.to), ...addresses(mail.cc), ...claimed.envelope_to.toLowerCase().split(/[\s,]+/)];
    if (!to.includes(ctx.config.supportAddress)) {
      await discardFiles(ctx, files.kept);
      return finish(
        { state: 'held', reason: `Not a reply to a ticket and not sent to ${ctx.config.supportAddress}.` },
        meta,
      );
    }
    const t = await createTicket(
      ctx,
      actor,
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
    return finish({ state: 'opened', ticketNumber: t.number }, { ...meta, ticketId: t.id });
  } catch (e) {
    await discardFiles(ctx, files.kept);
    if (isUniqueViolation(e))
      return finish({ state: 'held', reason: 'This message was already processed (same Message-ID).' }, meta);
    throw e;
  }
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
  const staleBefore = new Date(ctx.clock.now().getTime() - staleClaimMs);
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
