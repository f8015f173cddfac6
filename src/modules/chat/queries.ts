import type { DbOrTrx } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { decodeCursor, toPage } from '../../core/pagination.js';
import { presentMessage, presentSession } from './presenters.js';
import type { ChatSession } from './tables.js';

const notAChat = () => notFound('This chat');

/** A chat by id, locked for a change when asked; 404 when there is none. */
export async function findSession(db: DbOrTrx, id: string, forUpdate = false): Promise<ChatSession> {
  let q = db.selectFrom('chat_sessions').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const s = await q.executeTakeFirst();
  if (!s) throw notAChat();
  return s;
}

/** A customer's own chat: another profile's (a colleague's too) is 404. */
export async function findCustomerSession(
  db: DbOrTrx,
  profileId: string,
  id: string,
  forUpdate = false,
): Promise<ChatSession> {
  const s = await findSession(db, id, forUpdate);
  if (s.profile_id !== profileId) throw notAChat();
  return s;
}

/** The customer's chat that has not ended (chat_sessions_one_open_idx), if any. */
export function openSessionOf(db: DbOrTrx, profileId: string) {
  return db
    .selectFrom('chat_sessions')
    .selectAll()
    .where('profile_id', '=', profileId)
    .where('status', '!=', 'ended')
    .executeTakeFirst();
}

/** The messages after `after`, oldest first (the primary key), and whether more follow. */
export async function messagesAfter(db: DbOrTrx, sessionId: string, after: number, limit: number) {
  const rows = await db
    .selectFrom('chat_messages')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  return { items: rows.slice(0, limit).map(presentMessage), hasMore: rows.length > limit };
}

/** Every message of a chat, oldest first (the transcript). */
export function allMessages(db: DbOrTrx, sessionId: string) {
  return db.selectFrom('chat_messages').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
}

/** A customer's chats, newest first (chat_sessions_profile_idx). */
export async function listCustomerSessions(db: DbOrTrx, profileId: string, page: { limit: number; cursor?: string }) {
  let q = db.selectFrom('chat_sessions').selectAll().where('profile_id', '=', profileId);
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor, ['time', 'uuid']) as [string, string];
    q = q.where((eb) =>
      eb.or([eb('started_at', '<', new Date(at)), eb.and([eb('started_at', '=', new Date(at)), eb('id', '<', id)])]),
    );
  }
  const rows = await q
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, presentSession, (r) => [r.started_at.toISOString(), r.id]);
}

/**
 * The agents' lists (S-4): waiting, oldest first (who waits longest is served first); mine (the
 * caller's active chats), oldest first; ended, newest first. Each reads one index.
 */
export async function listStaffSessions(
  db: DbOrTrx,
  staffId: string,
  page: { view: 'waiting' | 'mine' | 'ended'; limit: number; cursor?: string },
) {
  const newestFirst = page.view === 'ended';
  let q = db.selectFrom('chat_sessions').selectAll();
  if (page.view === 'waiting') q = q.where('status', '=', 'waiting');
  else if (page.view === 'mine') q = q.where('agent_id', '=', staffId).where('status', '=', 'active');
  else q = q.where('status', '=', 'ended');
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor, ['time', 'uuid']) as [string, string];
    const op = newestFirst ? '<' : '>';
    q = q.where((eb) =>
      eb.or([eb('started_at', op, new Date(at)), eb.and([eb('started_at', '=', new Date(at)), eb('id', op, id)])]),
    );
  }
  const dir = newestFirst ? 'desc' : 'asc';
  const rows = await q
    .orderBy('started_at', dir)
    .orderBy('id', dir)
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, presentSession, (r) => [r.started_at.toISOString(), r.id]);
}
