-- Issue 12, support plans (S-1 … S-5): the support module's tables. Plans per license, the credit
-- wallet of each company (an append-only ledger with a maintained balance), the assessments of
-- tickets, the support settings staff edit and the support hours.

-- S-2 / S-4 defaults as data staff edit. One row (id is always true).
CREATE TABLE support_settings (
  id                             boolean PRIMARY KEY DEFAULT true CHECK (id),
  first_license_credits          int NOT NULL DEFAULT 50 CHECK (first_license_credits BETWEEN 0 AND 100000),
  additional_license_credits     int NOT NULL DEFAULT 30 CHECK (additional_license_credits BETWEEN 0 AND 100000),
  additional_storefront_credits  int NOT NULL DEFAULT 30 CHECK (additional_storefront_credits BETWEEN 0 AND 100000),
  vip_days                       int NOT NULL DEFAULT 365 CHECK (vip_days BETWEEN 1 AND 3660),
  vip_modifications_per_month    int NOT NULL DEFAULT 7 CHECK (vip_modifications_per_month BETWEEN 0 AND 1000),
  updated_at                     timestamptz NOT NULL DEFAULT now(),
  updated_by                     uuid REFERENCES staff_users (id)
);
INSERT INTO support_settings DEFAULT VALUES;

-- S-1 / S-3 / S-4: what a license of a product comes with. No row: credits (S-2). `storefront`: the
-- product is an additional storefront (a module of a main product) and brings the storefront credits.
CREATE TABLE support_product_terms (
  product_id   uuid PRIMARY KEY REFERENCES products (id),
  plan         text NOT NULL CHECK (plan IN ('credit', 'period', 'vip')),
  period_days  int CHECK (period_days BETWEEN 1 AND 3660),
  storefront   boolean NOT NULL DEFAULT false,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   uuid REFERENCES staff_users (id),
  CHECK ((plan = 'period') = (period_days IS NOT NULL))
);

-- S-1: the plan of each license. The plan in force at an instant is derived: VIP while vip_until is
-- ahead, period-based while period_ends_at is ahead, else credit-based — so a period that ends turns
-- the plan credit-based without a job (S-3).
CREATE TABLE support_plans (
  license_id      uuid PRIMARY KEY REFERENCES licenses (id),
  company_id      uuid NOT NULL REFERENCES companies (id),
  product_id      uuid NOT NULL REFERENCES products (id),
  period_ends_at  timestamptz,
  vip_until       timestamptz,
  granted_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX support_plans_company_idx ON support_plans (company_id);

-- S-2: the company's wallet. balance is the sum of its entries, kept in the transaction of every
-- entry, so reading it is one primary-key lookup at any number of entries; never negative.
CREATE TABLE credit_wallets (
  company_id  uuid PRIMARY KEY REFERENCES companies (id),
  balance     int NOT NULL DEFAULT 0 CHECK (balance >= 0),
  updated_at  timestamptz NOT NULL
);

-- S-2: the ledger. Append-only (a trigger refuses UPDATE and DELETE); amount is signed; `source`
-- names the cause once (a license's grant, an assessment's charge, an order line) so that a retried
-- grant or charge is not counted twice.
CREATE TABLE credit_entries (
  seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id             uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  company_id     uuid NOT NULL REFERENCES companies (id),
  kind           text NOT NULL CHECK (kind IN ('granted', 'purchased', 'charged', 'refunded', 'adjusted')),
  amount         int NOT NULL CHECK (amount <> 0),
  balance_after  int NOT NULL CHECK (balance_after >= 0),
  ticket_id      uuid REFERENCES tickets (id),
  license_id     uuid REFERENCES licenses (id),
  source         text,
  reason         text NOT NULL DEFAULT '',
  actor_kind     text NOT NULL,
  actor_id       uuid,
  actor_label    text NOT NULL,
  created_at     timestamptz NOT NULL,
  CHECK ((kind IN ('granted', 'purchased', 'refunded') AND amount > 0)
      OR (kind = 'charged' AND amount < 0)
      OR kind = 'adjusted')
);
CREATE INDEX credit_entries_company_idx ON credit_entries (company_id, seq DESC);
CREATE INDEX credit_entries_ticket_idx ON credit_entries (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE UNIQUE INDEX credit_entries_source_idx ON credit_entries (company_id, source) WHERE source IS NOT NULL;

CREATE FUNCTION credit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'credit_entries is append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER credit_entries_no_update BEFORE UPDATE OR DELETE ON credit_entries
  FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only();

-- S-5: support hours (core/business-calendar.ts settings as JSON). One row; the default calendar
-- (Monday–Friday 09:00–18:00 Asia/Dubai, GMT+4) until staff edit it.
CREATE TABLE support_calendar (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  settings    jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid REFERENCES staff_users (id)
);
INSERT INTO support_calendar (settings) VALUES (
  '{"timeZone":"Asia/Dubai","hours":{"1":[["09:00","18:00"]],"2":[["09:00","18:00"]],"3":[["09:00","18:00"]],"4":[["09:00","18:00"]],"5":[["09:00","18:00"]]},"holidays":[]}'
);
