import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { addMinutes } from '../clock.js';
import type { Db } from '../db/index.js';
import type { OutboxMail } from '../db/schema.js';

/** Sends one mail; throws when the server refuses or cannot be reached. */
export interface MailTransport {
  name: string;
  /** How many sends may run at once (a pooled SMTP transport's connections); 1 when absent. */
  parallel?: number;
  send(mail: OutboxMail, from: string): Promise<void>;
  close(): void;
}

/** Without SMTP settings mail stays in the dev mailbox (the outbox, readable in the staff console). */
export const devMailbox: MailTransport = { name: 'dev', send: async () => {}, close: () => {} };

/** How long SMTP may take before a send fails and waits for its retry (E-1). */
export interface SmtpLimits {
  /** Connections delivered over at once. */
  maxConnections: number;
  connectionTimeoutMs: number;
  /** From connected to the server's greeting: a server that accepts TCP and never greets. */
  greetingTimeoutMs: number;
  /** Silence on an open connection. */
  socketTimeoutMs: number;
}

export const defaultSmtpLimits: SmtpLimits = {
  maxConnections: 5,
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 30_000,
};

/**
 * Pooled SMTP through nodemailer, with timeouts so that a hanging server fails a send within seconds
 * instead of holding the batch (the URL's own query options, e.g. `?maxConnections=2`, win).
 */
export function smtpTransport(url: string, limits: SmtpLimits = defaultSmtpLimits): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: limits.maxConnections,
    connectionTimeout: limits.connectionTimeoutMs,
    greetingTimeout: limits.greetingTimeoutMs,
    socketTimeout: limits.socketTimeoutMs,
  });
  return {
    name: 'smtp',
    parallel: limits.maxConnections,
    async send(mail, from) {
      await transporter.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body ?? undefined,
        messageId: `<${mail.message_id}>`,
        headers: mail.headers,
      });
    },
    close: () => transporter.close(),
  };
}

/** Minutes to wait after the n-th failed attempt (E-1 retries with backoff). */
export const retryBackoffMinutes = [1, 5, 15, 60, 180, 360, 720];
export const maxMailAttempts = retryBackoffMinutes.length + 1;
const claimMinutes = 10;

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Which of these recipients (lower-case addresses) must get no mail any more, e.g. A-4's disabled
 * profiles. The module that knows the people supplies it (the app passes accounts' check).
 */
export type UndeliverableCheck = (db: Db, addresses: string[]) => Promise<Set<string>>;

/**
 * E-1: claims the mail that is due (by the injectable clock), sends it, and marks each row sent or
 * schedules a retry. Rows are claimed with SKIP LOCKED, so several servers never send one mail twice;
 * a row claimed by a process that died is taken again after its claim expires.
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  clock: Clock,
  from: string,
  batch = 50,
  undeliverable: UndeliverableCheck = async () => new Set(),
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  const now = clock.now();
  const claimed = await db
    .updateTable('mail_outbox')
    .set({ status: 'sending', locked_until: addMinutes(now, claimMinutes) })
    .where(
      'id',
      'in',
      db
        .selectFrom('mail_outbox')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .limit(batch)
        .forUpdate()
        .modifyEnd(sql`SKIP LOCKED`),
    )
    .returningAll()
    .execute();

  // a disabled profile receives no mail, even mail queued before it was disabled.
  const addresses = [...new Set(claimed.map((m) => m.to_address.toLowerCase()))];
  const disabled = await undeliverable(db, addresses);

  const deliverOne = async (mail: (typeof claimed)[number]) => {
    if (disabled.has(mail.to_address.toLowerCase())) {
      await db
        .updateTable('mail_outbox')
        .set({ status: 'failed', last_error: "Not sent: the recipient's profile is disabled.", locked_until: null })
        .where('id', '=', mail.id)
        .execute();
      result.failed++;
      return;
    }
    try {
      await transport.send(mail, from);
      await db
        .updateTable('mail_outbox')
        .set({
          status: 'sent',
          sent_at: clock.now(),
          transport: transport.name,
          locked_until: null,
          last_error: null,
          attempts: mail.attempts + 1,
        })
        .where('id', '=', mail.id)
        .execute();
      result.sent++;
    } catch (err) {
      const attempts = mail.attempts + 1;
      const giveUp = attempts >= maxMailAttempts;
      const wait = retryBackoffMinutes[Math.min(attempts - 1, retryBackoffMinutes.length - 1)] ?? 60;
      await db
        .updateTable('mail_outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          last_error: String((err as Error).message ?? err).slice(0, 1000),
          next_attempt_at: addMinutes(clock.now(), wait),
          locked_until: null,
        })
        .where('id', '=', mail.id)
        .execute();
      if (giveUp) result.failed++;
      else result.retried++;
    }
  };
  // A few sends at once (the transport's pool), so one slow server does not hold the whole batch.
  const queue = [...claimed];
  const workers = Array.from({ length: Math.max(1, Math.min(transport.parallel ?? 1, queue.length)) }, async () => {
    for (let mail = queue.shift(); mail; mail = queue.shift()) await deliverOne(mail);
  });
  await Promise.all(workers);
  return result;
}
