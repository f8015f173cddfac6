import type { MessageOut, SessionOut } from './schemas.js';
import type { ChatMessage, ChatSession } from './tables.js';

/** A chat as the API shows it, to the customer and the agents alike (it holds nothing staff-only). */
export function presentSession(s: ChatSession): SessionOut {
  return {
    id: s.id,
    status: s.status,
    companyName: s.company_name,
    customerName: s.customer_name,
    agentName: s.agent_name,
    startedAt: s.started_at.toISOString(),
    takenAt: s.taken_at?.toISOString() ?? null,
    endedAt: s.ended_at?.toISOString() ?? null,
    endedBy: s.ended_by,
    lastSeq: s.last_seq,
    lastMessageAt: s.last_message_at.toISOString(),
    ticket: s.ticket_number ? { number: Number(s.ticket_number) } : null,
  };
}

export function presentMessage(m: ChatMessage): MessageOut {
  return {
    seq: m.seq,
    author: { kind: m.author_kind === 'staff' ? 'agent' : 'customer', name: m.author_name },
    body: m.body,
    createdAt: m.created_at.toISOString(),
  };
}
