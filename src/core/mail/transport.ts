import nodemailer from 'nodemailer';
import type { OutboxMail } from '../db/schema.js';

/** Sends one mail; throws when the server refuses or cannot be reached. */
export interface MailTransport {
  name: string;
  /** How many sends may run at once; 1 when absent. */
  parallel?: number;
  send(mail: OutboxMail, from: string): Promise<void>;
  /**
   * Checks that the relay answers (connects, greets, authenticates) without sending anything; throws
   * when it does not. Absent: a failure that looks like the relay's (isRelayFailure) is taken as such.
   */
  verify?(): Promise<void>;
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
 * instead of holding the batch (the URL's own query options, e.g. `?maxConnections=2`, win). Twice
 * as many sends as connections are in flight: while one mail's row is recorded, its connection is
 * already carrying the next one (the pool queues the rest).
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
    parallel: limits.maxConnections * 2,
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
    async verify() {
      await transporter.verify();
    },
    close: () => transporter.close(),
  };
}

/** Codes of failures to reach or talk to the relay at all: nodemailer's own, and the system's. */
const relayErrorCodes = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EPROXY',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * Whether a send failed because the relay is unreachable or unusable for every mail (refused or
 * dropped connections, timeouts, DNS, TLS, authentication, a 421 "service not available"), rather
 * than refusing this one mail (a 4xx/5xx reply to its sender, recipient or content).
 */
export function isRelayFailure(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.responseCode === 421) return true;
  return typeof e.code === 'string' && relayErrorCodes.has(e.code);
}
