import { randomToken } from '../secrets.js';
import type { DbOrTrx } from '../db/index.js';

export interface MailInput {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is about, for the mailbox list and tests: 'password-reset', 'invitation', … */
  kind: string;
  headers?: Record<string, string>;
  /** An explicit Message-ID (without angle brackets), e.g. to thread ticket mail. */
  messageId?: string;
}

/**
 * E-1: queues a mail in the outbox. Call it with the transaction of the event it reports, so the
 * mail exists exactly when the event does; the mail-delivery job sends it later.
 */
export async function queueMail(db: DbOrTrx, mail: MailInput, now: Date, domain = 'clientele.local'): Promise<string> {
  const messageId = mail.messageId ?? `${randomToken(12)}@${domain}`;
  await db
    .insertInto('mail_outbox')
    .values({
      created_at: now,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      headers: JSON.stringify(mail.headers ?? {}),
      message_id: messageId,
      kind: mail.kind,
      next_attempt_at: now,
    })
    .execute();
  return messageId;
}
