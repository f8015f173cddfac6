import { recordAudit } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { announce, type ChatEvent } from './bus.js';
import { endedChat } from './policy.js';
import { findSession } from './queries.js';
import type { ChatSession } from './tables.js';

/**
 * S-4: an agent takes a waiting chat; from then on only they write in it. Two agents at once: the
 * row lock makes the second see it taken (409, naming who has it). Taking one's own chat again is a no-op.
 */
export async function takeChat(
  db: DbOrTrx,
  actor: StaffActor,
  sessionId: string,
  now: Date,
): Promise<{ session: ChatSession; events: ChatEvent[] }> {
  return inTransaction(db, async (trx) => {
    const s = await findSession(trx, sessionId, true);
    if (s.status === 'ended') throw endedChat();
    if (s.status === 'active') {
      if (s.agent_id === actor.id) return { session: s, events: [] };
      throw new AppError('conflict', `This chat was taken by ${s.agent_name ?? 'another agent'}.`);
    }
    const session = await trx
      .updateTable('chat_sessions')
      .set({ status: 'active', agent_id: actor.id, agent_name: actor.name, taken_at: now })
      .where('id', '=', s.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'chat.taken',
      entity: 'chat_session',
      entityId: s.id,
      companyId: s.company_id,
      before: { status: s.status },
      after: { status: 'active', agentId: actor.id },
      at: now,
    });
    const events: ChatEvent[] = [{ kind: 'taken', sessionId: s.id }];
    await announce(trx, events);
    return { session, events };
  });
}
