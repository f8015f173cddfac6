import type { Actor } from '../../core/audit.js';
import { recordAudit } from '../../core/audit.js';
import type { DbOrTrx, Trx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { announce, type ChatEvent } from './bus.js';
import { assertAgentOf, endedChat } from './policy.js';
import { findCustomerSession, findSession } from './queries.js';
import type { ChatSession } from './tables.js';

type Ended = { session: ChatSession; events: ChatEvent[] };

/** S-4: the customer ends their chat (waiting or taken); an ended chat is 409. */
export async function endCustomerChat(db: DbOrTrx, actor: ProfileActor, sessionId: string, now: Date): Promise<Ended> {
  return inTransaction(db, async (trx) => {
    const s = await findCustomerSession(trx, actor.id, sessionId, true);
    if (s.status === 'ended') throw endedChat();
    return markEnded(trx, s, 'customer', actor, now);
  });
}

/** S-4: an agent ends a chat: the one who took it, or anyone while it still waits (nobody will answer it). */
export async function endAgentChat(db: DbOrTrx, actor: StaffActor, sessionId: string, now: Date): Promise<Ended> {
  return inTransaction(db, async (trx) => {
    const s = await findSession(trx, sessionId, true);
    if (s.status === 'ended') throw endedChat();
    if (s.status === 'active') assertAgentOf(s, actor.id);
    return markEnded(trx, s, 'agent', actor, now);
  });
}

/** Ends a chat the caller has locked and found not ended. */
export async function markEnded(
  trx: Trx,
  s: ChatSession,
  by: 'customer' | 'agent',
  actor: Actor,
  now: Date,
): Promise<Ended> {
  const session = await trx
    .updateTable('chat_sessions')
    .set({ status: 'ended', ended_at: now, ended_by: by })
    .where('id', '=', s.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (actor.kind === 'staff')
    await recordAudit(trx, {
      actor,
      action: 'chat.ended',
      entity: 'chat_session',
      entityId: s.id,
      companyId: s.company_id,
      before: { status: s.status },
      after: { status: 'ended' },
      at: now,
    });
  const events: ChatEvent[] = [{ kind: 'ended', sessionId: s.id }];
  await announce(trx, events);
  return { session, events };
}
