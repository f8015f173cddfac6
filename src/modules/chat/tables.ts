import type { Generated, Selectable } from 'kysely';
import type { Ts } from '../../core/db/column-types.js';

export type ChatStatus = 'waiting' | 'active' | 'ended';

/** S-4: one live chat of a customer profile (waiting → active when an agent takes it → ended). */
export interface ChatSessionsTable {
  id: Generated<string>;
  company_id: string;
  profile_id: string;
  company_name: string;
  customer_name: string;
  agent_name: string | null;
  status: ChatStatus;
  agent_id: string | null;
  ticket_id: string | null;
  ticket_number: string | null;
  last_seq: Generated<number>;
  started_at: Ts;
  taken_at: Ts | null;
  ended_at: Ts | null;
  ended_by: 'customer' | 'agent' | null;
  last_message_at: Ts;
}

/** S-4: a message of a chat, numbered per session. */
export interface ChatMessagesTable {
  session_id: string;
  seq: number;
  author_kind: 'profile' | 'staff';
  author_id: string;
  author_name: string;
  body: string;
  created_at: Ts;
}

/** The tables this module owns. */
export interface ChatTables {
  chat_sessions: ChatSessionsTable;
  chat_messages: ChatMessagesTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends ChatTables {}
}

export type ChatSession = Selectable<ChatSessionsTable>;
export type ChatMessage = Selectable<ChatMessagesTable>;
