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
  const row = outboxRow(mail, now, domain);
  await db.insertInto('mail_outbox').values(row).execute();
  return row.message_id;
}

/** Several mails of one event in one insert. */
export async function queueMails(
  db: DbOrTrx,
  mails: MailInput[],
  now: Date,
  domain = 'clientele.local',
): Promise<void> {
  if (mails.length) await outboxInsert(db, mails, now, domain).execute();
}

/**
 * The insert of several mails, not yet run: for a module that writes its rows and its mails in one
 * statement (e.g. a data-modifying CTE), without naming the outbox table itself.
 */
export function outboxInsert(db: DbOrTrx, mails: MailInput[], now: Date, domain = 'clientele.local') {
  return db.insertInto('mail_outbox').values(mails.map((m) => outboxRow(m, now, domain)));
}

/** The outbox row of a mail. */
function outboxRow(mail: MailInput, now: Date, domain = 'clientele.local') {
  return {
    created_at: now,
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    headers: JSON.stringify(mail.headers ?? {}),
    message_id: mail.messageId ?? `${randomToken(12)}@${domain}`,
    kind: mail.kind,
    next_attempt_at: now,
  };
}
