-- Issue 12, S-4: VIP live chat. A chat session of a customer profile, taken by one agent, ended by
-- either side, perhaps turned into a ticket; its messages numbered 1, 2, … per session (seq), so a
-- client that lost its socket asks for the messages after the last seq it has and misses none.

CREATE TABLE chat_sessions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id       uuid NOT NULL REFERENCES companies (id),
  profile_id       uuid NOT NULL REFERENCES profiles (id),
  -- Names as they were when the chat started / was taken (the lists show them without a join
  -- into another module's tables).
  company_name     text NOT NULL,
  customer_name    text NOT NULL,
  agent_name       text,
  status           text NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
  agent_id         uuid REFERENCES staff_users (id),
  ticket_id        uuid REFERENCES tickets (id),
  ticket_number    text,
  -- The last message's seq: the next message takes last_seq + 1 under this row's lock.
  last_seq         int NOT NULL DEFAULT 0,
  started_at       timestamptz NOT NULL,
  taken_at         timestamptz,
  ended_at         timestamptz,
  ended_by         text CHECK (ended_by IN ('customer', 'agent')),
  last_message_at  timestamptz NOT NULL,
  CHECK ((status = 'active') <= (agent_id IS NOT NULL)),
  CHECK ((status = 'ended') = (ended_at IS NOT NULL))
);
-- The agents' lists: waiting (oldest first), ended (newest first); mine by agent.
CREATE INDEX chat_sessions_status_idx ON chat_sessions (status, started_at, id);
CREATE INDEX chat_sessions_agent_idx ON chat_sessions (agent_id, status, started_at, id) WHERE agent_id IS NOT NULL;
-- A customer's chats, newest first; at most one that is not ended.
CREATE INDEX chat_sessions_profile_idx ON chat_sessions (profile_id, started_at DESC, id);
CREATE UNIQUE INDEX chat_sessions_one_open_idx ON chat_sessions (profile_id) WHERE status <> 'ended';
CREATE UNIQUE INDEX chat_sessions_ticket_idx ON chat_sessions (ticket_id) WHERE ticket_id IS NOT NULL;

CREATE TABLE chat_messages (
  session_id   uuid NOT NULL REFERENCES chat_sessions (id),
  seq          int NOT NULL CHECK (seq > 0),
  author_kind  text NOT NULL CHECK (author_kind IN ('profile', 'staff')),
  author_id    uuid NOT NULL,
  author_name  text NOT NULL,
  body         text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (session_id, seq)
);
