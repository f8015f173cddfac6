import type { Trx } from '../../core/db/index.js';
import type { TicketMessage } from './tables.js';
import type { ReceivedFile } from '../../core/storage/receive-uploads.js';
import { newMessageCode } from './message-code.js';

export interface NewMessage {
  ticketId: string;
  companyId: string;
  author: { kind: 'profile'; id: string } | { kind: 'staff'; id: string } | { kind: 'system' };
  body: string;
  internal?: boolean;
  source: 'web' | 'email' | 'system' | 'api';
  emailMessageId?: string | null;
  files?: ReceivedFile[];
  at: Date;
}

/**
 * Stores a message with a fresh T-5 message ID (ON CONFLICT DO NOTHING and another draw on the
 * astronomically rare clash, so the transaction never aborts) and its attachments.
 */
export async function insertMessage(trx: Trx, m: NewMessage): Promise<TicketMessage> {
  for (;;) {
    const row = await trx
      .insertInto('ticket_messages')
      .values(messageRow(m, newMessageCode()))
      .onConflict((oc) => oc.column('message_code').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    if (m.files?.length) await trx.insertInto('ticket_attachments').values(attachmentRows(m, row.id)).execute();
    return row;
  }
}

/** The row of a message (with its T-5 message ID), for callers that write it together with other rows. */
export function messageRow(m: NewMessage, code: string, id?: string) {
  return {
    ...(id ? { id } : {}),
    ticket_id: m.ticketId,
    company_id: m.companyId,
    message_code: code,
    author_kind: m.author.kind,
    author_profile_id: m.author.kind === 'profile' ? m.author.id : null,
    author_staff_id: m.author.kind === 'staff' ? m.author.id : null,
    internal: m.internal ?? false,
    body: m.body,
    source: m.source,
    email_message_id: m.emailMessageId ?? null,
    created_at: m.at,
  };
}

/** The rows of a message's attachments (F-6: already streamed to storage). */
export function attachmentRows(m: NewMessage, messageId: string) {
  return (m.files ?? []).map((f) => ({
    ticket_id: m.ticketId,
    message_id: messageId,
    company_id: m.companyId,
    name: f.name,
    size: f.stored.size,
    media_type: f.mediaType,
    storage_key: f.stored.key,
    sha256: f.stored.sha256,
    created_at: m.at,
  }));
}
