import { AppError } from '../../core/errors.js';
import { access } from '../../core/policy.js';
import type { ChatSession } from './tables.js';

/**
 * Who may call each route of the chat module (S-4). Customers use `tickets.use` (support is part of
 * the Communication center row of A-2); agents `staff.tickets`. Row rules: a customer sees only the
 * chats they started (another profile's chat is 404, also a colleague's); a chat is VIP care, so
 * starting one needs a VIP company and open support hours (startRefusal); only the agent who took a
 * chat writes in it; nothing is written to an ended chat.
 */
export const chatPolicy = {
  availability: access.profile('tickets.use'),
  list: access.profile('tickets.use'),
  start: access.profile('tickets.use'),
  get: access.profile('tickets.use'),
  messages: access.profile('tickets.use'),
  post: access.profile('tickets.use'),
  end: access.profile('tickets.use'),
  socket: access.profile('tickets.use'),
  staffList: access.staff('staff.tickets'),
  staffGet: access.staff('staff.tickets'),
  staffMessages: access.staff('staff.tickets'),
  staffTake: access.staff('staff.tickets'),
  staffPost: access.staff('staff.tickets'),
  staffEnd: access.staff('staff.tickets'),
  staffTicket: access.staff('staff.tickets'),
  staffSocket: access.staff('staff.tickets'),
};

/** S-4: why this customer may not start a chat now, or null. */
export function startRefusal(vip: boolean, open: boolean, nextOpening: Date): AppError | null {
  if (!vip)
    return new AppError(
      'forbidden',
      'Live chat is part of VIP support. Your company has no license with VIP support in force; open a ticket instead.',
    );
  if (!open)
    return new AppError(
      'conflict',
      `Live chat is available during support hours only. The next opening is ${nextOpening.toISOString()}; open a ticket meanwhile.`,
    );
  return null;
}

/** S-4: an ended chat takes no more messages and cannot be taken or ended again. */
export function endedChat(): AppError {
  return new AppError('conflict', 'This chat has ended. Start a new chat or open a ticket.');
}

/** S-4: only the agent who took a chat writes in it or turns it into a ticket. */
export function assertAgentOf(s: Pick<ChatSession, 'agent_id' | 'agent_name' | 'status'>, staffId: string): void {
  if (s.status === 'ended') return;
  if (s.agent_id === null) throw new AppError('conflict', 'Take this chat first.');
  if (s.agent_id !== staffId)
    throw new AppError('conflict', `This chat was taken by ${s.agent_name ?? 'another agent'}.`);
}
