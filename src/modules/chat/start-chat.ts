import { AppError, isUniqueViolation } from '../../core/errors.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { ProfileActor } from '../../core/policy.js';
import { companyNames } from '../accounts/index.js';
import { isVipCompany, loadSupportCalendar } from '../support/index.js';
import { announce, type ChatEvent } from './bus.js';
import { startRefusal } from './policy.js';
import type { ChatSession } from './tables.js';
import { appendMessage } from './append-message.js';

/**
 * S-4: a customer of a VIP company starts a live chat during support hours (S-5), optionally with a
 * first message. It waits for an agent. One chat at a time per customer: a second while one is open
 * is 409. Nothing is stored when refused.
 */
export async function startChat(
  db: DbOrTrx,
  actor: ProfileActor,
  input: { message?: string },
  now: Date,
): Promise<{ session: ChatSession; events: ChatEvent[] }> {
  try {
    return await inTransaction(db, async (trx) => {
      const [vip, calendar] = await Promise.all([isVipCompany(trx, actor.companyId, now), loadSupportCalendar(trx)]);
      const refused = startRefusal(vip, calendar.isOpen(now), calendar.nextOpening(now));
      if (refused) throw refused;
      const names = await companyNames(trx, [actor.companyId]);
      let session = await trx
        .insertInto('chat_sessions')
        .values({
          company_id: actor.companyId,
          profile_id: actor.id,
          company_name: names.get(actor.companyId) ?? '',
          customer_name: actor.name,
          status: 'waiting',
          started_at: now,
          last_message_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const events: ChatEvent[] = [{ kind: 'started', sessionId: session.id }];
      if (input.message) {
        const r = await appendMessage(
          trx,
          session,
          { kind: 'profile', id: actor.id, name: actor.name },
          input.message,
          now,
        );
        session = r.session;
        events.push({ kind: 'message', sessionId: session.id, seq: r.message.seq });
      }
      await announce(trx, events);
      return { session, events };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'chat_sessions_one_open_idx'))
      throw new AppError('conflict', 'You have a chat open already: continue it, or end it first.');
    throw e;
  }
}
