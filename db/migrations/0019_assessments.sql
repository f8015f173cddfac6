-- Issue 12, S-2 … S-4: the assessment of tickets in credits. Each ticket's support record (the plan the
-- question was asked under, the customer's pre-agreement, what the ticket has cost so far), its
-- assessments (category, price, the customer's decision), the VIP allowances used (S-4) and the
-- pattern that tells service-pack releases apart (S-2 upgrades).

-- One row per ticket that support looked at: written when the ticket is opened (the plan in force then:
-- a question asked during a free period is answered to its end after it, S-3), or on its first
-- assessment for tickets opened otherwise. net_charged is what the ticket costs now (charges minus
-- refunds of its assessments); the row is locked by every assessment, agreement and decline of the
-- ticket, so they happen one after another.
CREATE TABLE support_tickets (
  ticket_id          uuid PRIMARY KEY REFERENCES tickets (id),
  company_id         uuid NOT NULL REFERENCES companies (id),
  plan               text NOT NULL CHECK (plan IN ('credit', 'period', 'vip')),
  plan_license_id    uuid REFERENCES licenses (id),
  plan_until         timestamptz,
  pre_agree_up_to    int CHECK (pre_agree_up_to BETWEEN 0 AND 1000),
  net_charged        int NOT NULL DEFAULT 0 CHECK (net_charged >= 0),
  agreement_pending  boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX support_tickets_company_idx ON support_tickets (company_id);

-- S-2: each assessment of a ticket. `credits` is the ticket's price under it (0 when VIP care covers it),
-- `charged` what it moved (positive: charged, negative: refunded). A newer assessment supersedes the
-- ones before it; at most one waits for the customer's Agree.
CREATE TABLE support_assessments (
  id               uuid PRIMARY KEY,
  seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ticket_id        uuid NOT NULL REFERENCES support_tickets (ticket_id),
  company_id       uuid NOT NULL REFERENCES companies (id),
  category         smallint NOT NULL CHECK (category BETWEEN 1 AND 5),
  credits          int NOT NULL CHECK (credits BETWEEN 0 AND 100000),
  charged          int NOT NULL DEFAULT 0,
  from_version     text,
  to_version       text,
  patch_steps      int CHECK (patch_steps >= 0),
  note             text NOT NULL DEFAULT '',
  state            text NOT NULL CHECK (state IN ('pending', 'charged', 'refunded', 'covered', 'declined', 'superseded')),
  covered_by       text CHECK (covered_by IN ('vip-modification', 'vip-upgrade')),
  covered_period   text,
  assessed_by      uuid NOT NULL REFERENCES staff_users (id),
  assessed_by_name text NOT NULL,
  assessed_at      timestamptz NOT NULL,
  decided_kind     text CHECK (decided_kind IN ('profile', 'pre-agreement', 'no-confirmation')),
  decided_by       uuid,
  decided_by_name  text,
  decided_at       timestamptz,
  superseded_at    timestamptz,
  CHECK ((category = 5) = (to_version IS NOT NULL)),
  CHECK ((covered_by IS NULL) = (covered_period IS NULL))
);
CREATE INDEX support_assessments_ticket_idx ON support_assessments (ticket_id, seq DESC);
CREATE UNIQUE INDEX support_assessments_one_pending_idx ON support_assessments (ticket_id) WHERE state = 'pending';

-- S-4: VIP allowances used: minor modifications per company and calendar month (owner = company,
-- period 'YYYY-MM'), the free upgrade per license and calendar year (owner = license, period 'YYYY'),
-- both in the support calendar's zone. The row is locked while an assessment takes an allowance, so
-- two agents never both take the last one.
CREATE TABLE support_vip_usage (
  kind      text NOT NULL CHECK (kind IN ('vip-modification', 'vip-upgrade')),
  owner_id  uuid NOT NULL,
  period    text NOT NULL,
  used      int NOT NULL DEFAULT 0 CHECK (used >= 0),
  PRIMARY KEY (kind, owner_id, period)
);

-- S-2: what marks a service-pack release (not counted as an upgrade step): a regular expression,
-- case-insensitive, matched against the version. One row.
CREATE TABLE support_assessment_settings (
  id                    boolean PRIMARY KEY DEFAULT true CHECK (id),
  service_pack_pattern  text NOT NULL DEFAULT '(^|[.\- ])SP[0-9]*$',
  updated_at            timestamptz NOT NULL DEFAULT now(),
  updated_by            uuid REFERENCES staff_users (id)
);
INSERT INTO support_assessment_settings DEFAULT VALUES;
