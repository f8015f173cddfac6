import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Db } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { findProfile } from '../accounts/index.js';
import { licenseKeysTable } from '../licenses/index.js';
import { companyPlans, planAt } from '../support/index.js';
import { createTicketFromChat } from '../tickets/index.js';
import { announce, type ChatEvent } from './bus.js';
import { markEnded } from './end-chat.js';
import { findSession, allMessages } from './queries.js';
import type { ChatMessage, ChatSession } from './tables.js';

/** "2026-03-02 09:05 UTC": the transcript is stored text, read in any zone, so its times say theirs. */
const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** S-4: the chat as the first message of its ticket: when, who wrote what, in order. */
export function transcriptOf(s: ChatSession, messages: ChatMessage[]): string {
  const head = [
    `Live chat transcript — started ${stamp(s.started_at)} by ${s.customer_name}` +
      (s.agent_name ? `, taken by ${s.agent_name}` : '') +
      (s.ended_at ? `, ended ${stamp(s.ended_at)}` : ''),
    '',
  ];
  const lines = messages.map(
    (m) => `[${stamp(m.created_at)}] ${m.author_name} (${m.author_kind === 'staff' ? 'agent' : 'customer'}): ${m.body}`,
  );
  return [...head, ...lines].join('\n');
}

/**
 * S-4: the agent turns a chat into a Tech support ticket of the customer, with the transcript as its
 * first message, and links the two (the customer sees the ticket's number on the chat). An open chat
 * ends with it (the conversation goes on in the ticket). The ticket is about the company's license
 * with VIP care (the best plan in force; a tech question needs a license, T-4). Only the agent who
 * took the chat (anyone for a chat never taken); once per chat (409 after); a chat without messages is 409.
 */
export async function chatToTicket(
  ctx: AppContext,
  actor: StaffActor,
  sessionId: string,
): Promise<{ session: ChatSession; ticketNumber: string; events: ChatEvent[] }> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const s = await findSession(trx, sessionId, true);
    if (s.ticket_number) throw new AppError('conflict', `This chat is ticket #${s.ticket_number} already.`);
    if (s.agent_id !== null && s.agent_id !== actor.id)
      throw new AppError('conflict', `This chat was taken by ${s.agent_name ?? 'another agent'}.`);
    const messages = await allMessages(trx, s.id);
    if (messages.length === 0) throw new AppError('conflict', 'This chat has no messages to turn into a ticket.');
    const profile = await findProfile(trx, s.profile_id);
    if (!profile) throw notFound('The customer of this chat');
    const customer: ProfileActor = {
      kind: 'profile',
      id: profile.id,
      companyId: s.company_id,
      role: profile.role,
      email: profile.email,
      name: profile.name,
    };
    const licenseKeys = await chatLicenseKeys(trx, s.company_id, now);
    if (licenseKeys.length === 0)
      throw new AppError('conflict', "The customer's company has no license: a Tech support ticket needs one (T-4).");
    const events: ChatEvent[] = [];
    let current = s;
    if (s.status !== 'ended') {
      const ended = await markEnded(trx, s, 'agent', actor, now);
      current = ended.session;
      events.push(...ended.events);
    }
    const ticket = await createTicketFromChat({ ...ctx, db: trx as unknown as Db }, customer, {
      licenseKeys,
      title: `Live chat of ${stamp(s.started_at).slice(0, 10)}`,
      transcript: transcriptOf(current, messages),
    });
    const session = await trx
      .updateTable('chat_sessions')
      .set({ ticket_id: ticket.id, ticket_number: ticket.number })
      .where('id', '=', s.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'chat.ticket-created',
      entity: 'chat_session',
      entityId: s.id,
      companyId: s.company_id,
      after: { ticketNumber: ticket.number },
      at: now,
    });
    const linked: ChatEvent[] = [{ kind: 'ticket', sessionId: s.id }];
    await announce(trx, linked);
    return { session, ticketNumber: ticket.number, events: [...events, ...linked] };
  });
}

/** The license the chat's ticket is about: one with VIP care in force, else the company's best plan. */
async function chatLicenseKeys(trx: Parameters<typeof companyPlans>[0], companyId: string, now: Date) {
  const plans = await companyPlans(trx, companyId);
  const order = { vip: 0, period: 1, credit: 2 } as const;
  const best = [...plans].sort((a, b) => order[planAt(a, now)] - order[planAt(b, now)])[0];
  if (!best) return [];
  const row = await licenseKeysTable(trx).where('id', '=', best.license_id).executeTakeFirst();
  return row ? [row.key] : [];
}
