import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { isVipCompany } from '../support/index.js';
import { appendMessage } from './append-message.js';
import { announce, type ChatEvent } from './bus.js';
import { assertAgentOf, endedChat, startRefusal } from './policy.js';
import { findCustomerSession, findSession } from './queries.js';
import type { ChatMessage, ChatSession } from './tables.js';

type Posted = { session: ChatSession; message: ChatMessage; events: ChatEvent[] };

/**
 * S-4: the customer writes in their chat (waiting or taken). VIP care must still be in force (it may
 * have ended since the chat began); support hours are checked when a chat starts only, so a chat
 * running past closing time goes on. An ended chat takes no message (409); nothing is stored then.
 */
export async function postCustomerChatMessage(
  db: DbOrTrx,
  actor: ProfileActor,
  sessionId: string,
  body: string,
  now: Date,
): Promise<Posted> {
  return inTransaction(db, async (trx) => {
    const s = await findCustomerSession(trx, actor.id, sessionId, true);
    if (s.status === 'ended') throw endedChat();
    const refused = startRefusal(await isVipCompany(trx, s.company_id, now), true, now);
    if (refused) throw refused;
    return append(trx, s, { kind: 'profile', id: actor.id, name: actor.name }, body, now);
  });
}

/** S-4: the agent who took a chat answers in it (409 for another agent, a waiting or an ended chat). */
export async function postAgentChatMessage(
  db: DbOrTrx,
  actor: StaffActor,
  sessionId: string,
  body: string,
  now: Date,
): Promise<Posted> {
  return inTransaction(db, async (trx) => {
    const s = await findSession(trx, sessionId, true);
    if (s.status === 'ended') throw endedChat();
    assertAgentOf(s, actor.id);
    return append(trx, s, { kind: 'staff', id: actor.id, name: actor.name }, body, now);
  });
}

async function append(
  trx: Parameters<typeof appendMessage>[0],
  s: ChatSession,
  author: { kind: 'profile' | 'staff'; id: string; name: string },
  body: string,
  now: Date,
): Promise<Posted> {
  const r = await appendMessage(trx, s, author, body, now);
  const events: ChatEvent[] = [{ kind: 'message', sessionId: s.id, seq: r.message.seq }];
  await announce(trx, events);
  return { ...r, events };
}
