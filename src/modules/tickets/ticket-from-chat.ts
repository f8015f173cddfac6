import type { AppContext } from '../../core/context.js';
import type { ProfileActor } from '../../core/policy.js';
import { openTicket } from './create-ticket.js';

/**
 * S-4: an agent turns a customer's live chat into a Tech support ticket of that customer: the
 * ordinary intake (T-4 checks, number, habit, mails), with the transcript as its first message.
 * Runs in the caller's transaction when `ctx.db` is one (the chat is linked in the same one).
 */
export async function createTicketFromChat(
  ctx: AppContext,
  customer: ProfileActor,
  input: { licenseKeys: string[]; title: string; transcript: string },
): Promise<{ id: string; number: string }> {
  const { ticket } = await openTicket(ctx, customer, {
    type: 'tech',
    licenses: input.licenseKeys,
    priority: 'normal',
    hotrush: false,
    title: input.title,
    message: input.transcript,
  });
  return { id: ticket.id, number: ticket.number };
}
