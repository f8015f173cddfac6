import type { Trx } from '../../core/db/index.js';
import { endedChat } from './policy.js';
import type { ChatMessage, ChatSession } from './tables.js';

/**
 * Writes the next message of a chat (seq = last_seq + 1) under the session row's lock, which the
 * conditional update takes: two messages at once get 1 and 2, never the same seq, and an ended chat
 * takes none (the caller has checked; the condition holds it against a race).
 */
export async function appendMessage(
  trx: Trx,
  session: Pick<ChatSession, 'id'>,
  author: { kind: 'profile' | 'staff'; id: string; name: string },
  body: string,
  now: Date,
): Promise<{ session: ChatSession; message: ChatMessage }> {
  const updated = await trx
    .updateTable('chat_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: now }))
    .where('id', '=', session.id)
    .where('status', '!=', 'ended')
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw endedChat();
  const message = await trx
    .insertInto('chat_messages')
    .values({
      session_id: updated.id,
      seq: updated.last_seq,
      author_kind: author.kind,
      author_id: author.id,
      author_name: author.name,
      body,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { session: updated, message };
}
