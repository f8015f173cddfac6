-- Licenses (SPEC L-1 … L-10).

-- A module belongs to a main product (L-8: a module moves only to a license of its main product).
ALTER TABLE products ADD COLUMN parent_id uuid REFERENCES products (id);
-- The license agreement a primary reads and accepts (L-3), per brand; the shop's add-ons page (L-2).
ALTER TABLE brands ADD COLUMN agreement text NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN shop_url text NOT NULL DEFAULT '';
ALTER TABLE releases ADD COLUMN notes text NOT NULL DEFAULT '';

CREATE TABLE licenses (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key                  text NOT NULL UNIQUE CHECK (key ~ '^[A-Z]{16}$'),
  company_id           uuid NOT NULL REFERENCES companies (id),
  brand_id             uuid NOT NULL REFERENCES brands (id),
  product_id           uuid NOT NULL REFERENCES products (id),
  state                text NOT NULL CHECK (state IN ('pending', 'not_accepted', 'active', 'revoked')),
  url                  text NOT NULL DEFAULT '',
  host                 text NOT NULL DEFAULT '',
  registrable_domain   text NOT NULL DEFAULT '',
  -- The holder's own bookkeeping (L-1): they change nothing.
  holder_status        text NOT NULL DEFAULT '',
  holder_version       text NOT NULL DEFAULT '',
  registered_at        timestamptz,
  -- L-5: after the first registration one domain change is free, every further one has a fee.
  free_domain_change_used boolean NOT NULL DEFAULT false,
  accepted_at          timestamptz,
  accepted_by          uuid REFERENCES profiles (id),
  revoked_at           timestamptz,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX licenses_company_idx ON licenses (company_id, created_at DESC, id DESC);

-- The products on a license (L-1): the main product and its modules, each with its own version.
CREATE TABLE license_items (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  license_id  uuid NOT NULL REFERENCES licenses (id),
  product_id  uuid NOT NULL REFERENCES products (id),
  version     text NOT NULL DEFAULT '',
  added_at    timestamptz NOT NULL,
  UNIQUE (license_id, product_id)
);

-- Recurring subscriptions on a license (L-1); L-10 answers "expired" when every one has lapsed.
CREATE TABLE license_subscriptions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  license_id  uuid NOT NULL REFERENCES licenses (id),
  name        text NOT NULL,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX license_subscriptions_license_idx ON license_subscriptions (license_id, expires_at);

-- L-6: every event of a license, oldest first. company_id is the holder at the time, so a former
-- holder's history ends with the transfer.
CREATE TABLE license_events (
  id          bigserial PRIMARY KEY,
  license_id  uuid NOT NULL REFERENCES licenses (id),
  company_id  uuid NOT NULL REFERENCES companies (id),
  at          timestamptz NOT NULL,
  kind        text NOT NULL,
  actor_kind  text NOT NULL,
  actor_id    uuid,
  actor_label text NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX license_events_license_idx ON license_events (license_id, id);

-- L-5: URL changes, applied at once or waiting for the renewal fee.
CREATE TABLE license_url_changes (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  license_id    uuid NOT NULL REFERENCES licenses (id),
  from_url      text NOT NULL,
  to_url        text NOT NULL,
  change_kind   text NOT NULL CHECK (change_kind IN ('first', 'folder', 'subdomain', 'domain')),
  state         text NOT NULL CHECK (state IN ('applied', 'fee_due', 'cancelled')),
  fee_waived_by uuid REFERENCES staff_users (id),
  requested_by  uuid REFERENCES profiles (id),
  requested_at  timestamptz NOT NULL,
  resolved_at   timestamptz
);
-- At most one change waits for its fee per license.
CREATE UNIQUE INDEX license_url_changes_one_due ON license_url_changes (license_id) WHERE state = 'fee_due';
CREATE INDEX license_url_changes_due_idx ON license_url_changes (requested_at) WHERE state = 'fee_due';

-- L-7: transfer requests. At most one open request per license: two concurrent requests, one wins.
CREATE TABLE license_transfers (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  license_id       uuid NOT NULL REFERENCES licenses (id),
  from_company_id  uuid NOT NULL REFERENCES companies (id),
  to_company_id    uuid REFERENCES companies (id),
  to_email         text NOT NULL,
  -- For a new customer: the company and account information the sender entered.
  new_customer     jsonb,
  state            text NOT NULL CHECK (state IN ('requested', 'completed', 'declined', 'cancelled')),
  requested_by     uuid NOT NULL REFERENCES profiles (id),
  requested_at     timestamptz NOT NULL,
  resolved_at      timestamptz,
  resolved_by_kind text,
  resolved_by_id   uuid,
  -- What the license looked like when it left (the former holder's row in My licenses).
  snapshot         jsonb
);
CREATE UNIQUE INDEX license_transfers_one_open ON license_transfers (license_id) WHERE state = 'requested';
CREATE INDEX license_transfers_from_idx ON license_transfers (from_company_id, requested_at DESC);
CREATE INDEX license_transfers_to_idx ON license_transfers (to_company_id, requested_at DESC) WHERE to_company_id IS NOT NULL;
CREATE INDEX license_transfers_open_idx ON license_transfers (requested_at) WHERE state = 'requested';

-- L-10: the vendor's Ed25519 key for license files, made on first use and shared by every process.
CREATE TABLE signing_keys (
  id              text PRIMARY KEY,
  private_key_pem text NOT NULL,
  public_key_pem  text NOT NULL,
  created_at      timestamptz NOT NULL
);
