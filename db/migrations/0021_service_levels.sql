-- S-4, S-5, S-6, T-16 (issue 12): SLA timers per ticket, their targets as data staff edit, breach
-- events, agents' time spent per answer, and VIP tickets queued before the others.

-- S-4: a VIP ticket (its plan when it was opened) queues after HotRush and before everything else.
-- PostgreSQL 15 cannot alter a generation expression: hot_rank is dropped (with the two queue
-- indexes that use it) and made again.
ALTER TABLE tickets ADD COLUMN vip boolean NOT NULL DEFAULT false;
DROP INDEX tickets_queue_idx;
DROP INDEX tickets_queue_all_idx;
ALTER TABLE tickets DROP COLUMN hot_rank;
ALTER TABLE tickets ADD COLUMN hot_rank smallint
  GENERATED ALWAYS AS (CASE WHEN hotrush THEN 0 WHEN vip THEN 1 ELSE 2 END) STORED;
CREATE INDEX tickets_queue_idx ON tickets (department_key, hot_rank, queue_due, queue_effective, created_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');
CREATE INDEX tickets_queue_all_idx ON tickets (hot_rank, queue_due, queue_effective, created_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');

-- S-5 / S-6: response targets in business minutes (one row). Each guarantee that applies to a
-- ticket gives a target; the tightest wins (a VIP Minor ticket: 720, not 1440).
CREATE TABLE sla_settings (
  id                      boolean PRIMARY KEY DEFAULT true CHECK (id),
  hotrush_first_minutes   int NOT NULL DEFAULT 120 CHECK (hotrush_first_minutes BETWEEN 1 AND 100000),
  hotrush_next_minutes    int NOT NULL DEFAULT 120 CHECK (hotrush_next_minutes BETWEEN 1 AND 100000),
  vip_first_minutes       int NOT NULL DEFAULT 720 CHECK (vip_first_minutes BETWEEN 1 AND 100000),
  vip_next_minutes        int NOT NULL DEFAULT 720 CHECK (vip_next_minutes BETWEEN 1 AND 100000),
  major_first_minutes     int NOT NULL DEFAULT 960 CHECK (major_first_minutes BETWEEN 1 AND 100000),
  major_next_minutes      int NOT NULL DEFAULT 960 CHECK (major_next_minutes BETWEEN 1 AND 100000),
  normal_first_minutes    int NOT NULL DEFAULT 960 CHECK (normal_first_minutes BETWEEN 1 AND 100000),
  normal_next_minutes     int NOT NULL DEFAULT 960 CHECK (normal_next_minutes BETWEEN 1 AND 100000),
  minor_first_minutes     int NOT NULL DEFAULT 1440 CHECK (minor_first_minutes BETWEEN 1 AND 100000),
  minor_next_minutes      int NOT NULL DEFAULT 1440 CHECK (minor_next_minutes BETWEEN 1 AND 100000),
  warning_lead_minutes    int NOT NULL DEFAULT 60 CHECK (warning_lead_minutes BETWEEN 0 AND 100000),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  updated_by              uuid REFERENCES staff_users (id)
);
INSERT INTO sla_settings DEFAULT VALUES;

-- S-6: the clock of one ticket. awaiting: the response the customer waits for ('first' from the
-- creation, 'next' after their message), null while the ticket waits on them or is (pre-)closed.
-- The due is wait_started_at + target + held business minutes (time on hold for a credit agreement
-- does not count); due_at is null while nothing is awaited, on hold or stopped. warned / breached
-- belong to the current due: a new due clears them (a warning and a breach once per due).
CREATE TABLE ticket_sla (
  ticket_id             uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  company_id            uuid NOT NULL,
  department_key        text NOT NULL,
  plan                  text NOT NULL CHECK (plan IN ('credit', 'period', 'vip')),
  priority              text NOT NULL CHECK (priority IN ('major', 'normal', 'minor')),
  hotrush               boolean NOT NULL,
  created_at            timestamptz NOT NULL,
  awaiting              text CHECK (awaiting IN ('first', 'next')),
  wait_started_at       timestamptz,
  target_minutes        int,
  held_minutes          int NOT NULL DEFAULT 0,
  hold_since            timestamptz,
  stopped               boolean NOT NULL DEFAULT false,
  due_at                timestamptz,
  warn_at               timestamptz,
  warned                boolean NOT NULL DEFAULT false,
  breached              boolean NOT NULL DEFAULT false,
  breaches              int NOT NULL DEFAULT 0,
  first_response_at     timestamptz,
  first_response_minutes int,
  resolved_at           timestamptz,
  resolution_minutes    int,
  updated_at            timestamptz NOT NULL
);
-- The jobs' sweeps: only the unbreached (unwarned) rows with a running due are in these indexes, so
-- an idle sweep reads an empty range whatever the number of tickets.
CREATE INDEX ticket_sla_breach_idx ON ticket_sla (due_at) WHERE due_at IS NOT NULL AND NOT breached;
CREATE INDEX ticket_sla_warn_idx ON ticket_sla (warn_at) WHERE warn_at IS NOT NULL AND NOT warned AND NOT breached;
-- Reports: the tickets opened in a period.
CREATE INDEX ticket_sla_created_idx ON ticket_sla (created_at);

-- S-6: each breach, once per due.
CREATE TABLE sla_breaches (
  id             bigserial PRIMARY KEY,
  ticket_id      uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('first', 'next')),
  due_at         timestamptz NOT NULL,
  breached_at    timestamptz NOT NULL,
  department_key text NOT NULL,
  plan           text NOT NULL,
  priority       text NOT NULL,
  UNIQUE (ticket_id, kind, due_at)
);
CREATE INDEX sla_breaches_at_idx ON sla_breaches (breached_at);

-- T-16: the minutes an agent spent on an answer.
CREATE TABLE ticket_time_spent (
  message_id  uuid PRIMARY KEY REFERENCES ticket_messages (id) ON DELETE CASCADE,
  ticket_id   uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  staff_id    uuid NOT NULL REFERENCES staff_users (id),
  minutes     int NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
  created_at  timestamptz NOT NULL
);
CREATE INDEX ticket_time_spent_ticket_idx ON ticket_time_spent (ticket_id, created_at);
CREATE INDEX ticket_time_spent_at_idx ON ticket_time_spent (created_at);

-- Support reports: credits charged on tickets in a period (support's creditsChargedBetween).
CREATE INDEX credit_entries_ticket_at_idx ON credit_entries (created_at) WHERE ticket_id IS NOT NULL;
