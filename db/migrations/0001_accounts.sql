-- Foundation: companies, profiles (A-1..A-9), staff (A-10), sessions, API tokens,
-- password resets (A-6), the audit log (X-3) and the mail outbox (E-1).

CREATE TABLE companies (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  address       text NOT NULL DEFAULT '',
  phone         text NOT NULL DEFAULT '',
  tax_id        text NOT NULL DEFAULT '',
  billing_email text NOT NULL DEFAULT '',
  -- A-11: null until the first order is processed (pre-sales account).
  first_order_at timestamptz,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX companies_name_idx ON companies (lower(name), id);
CREATE INDEX companies_name_prefix_idx ON companies (lower(name) text_pattern_ops);
CREATE INDEX companies_created_idx ON companies (created_at DESC, id DESC);

CREATE TABLE profiles (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id    uuid NOT NULL REFERENCES companies (id),
  role          text NOT NULL CHECK (role IN ('primary', 'advanced', 'secondary')),
  email         text NOT NULL,
  name          text NOT NULL,
  phone         text NOT NULL DEFAULT '',
  job_title     text NOT NULL DEFAULT '',
  timezone      text NOT NULL DEFAULT 'UTC',
  password_hash text,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins integer NOT NULL DEFAULT 0,
  locked_at     timestamptz,
  notify_tickets boolean NOT NULL DEFAULT true,
  news_security boolean NOT NULL DEFAULT true,
  news_product  boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
-- A-1: the e-mail is the login, unique across the whole system (case-insensitive).
CREATE UNIQUE INDEX profiles_email_key ON profiles (lower(email));
-- A-1: exactly one primary per company.
CREATE UNIQUE INDEX profiles_one_primary_key ON profiles (company_id) WHERE role = 'primary';
CREATE INDEX profiles_company_idx ON profiles (company_id, created_at, id);

CREATE TABLE profile_avatars (
  profile_id  uuid PRIMARY KEY REFERENCES profiles (id),
  content     bytea NOT NULL,
  media_type  text NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE staff_users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('agent', 'department_head', 'billing', 'sales', 'content', 'admin')),
  password_hash text,
  disabled      boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_at     timestamptz,
  last_login_at timestamptz,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));
CREATE INDEX staff_users_name_idx ON staff_users (lower(name), id);

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  profile_id    uuid REFERENCES profiles (id),
  staff_id      uuid REFERENCES staff_users (id),
  csrf_token    text NOT NULL,
  ip            text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  CHECK ((profile_id IS NULL) <> (staff_id IS NULL))
);
CREATE INDEX sessions_profile_idx ON sessions (profile_id, created_at DESC) WHERE profile_id IS NOT NULL;
CREATE INDEX sessions_staff_idx ON sessions (staff_id, created_at DESC) WHERE staff_id IS NOT NULL;

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  profile_id    uuid REFERENCES profiles (id),
  staff_id      uuid REFERENCES staff_users (id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  CHECK ((profile_id IS NULL) <> (staff_id IS NULL))
);
CREATE INDEX api_tokens_profile_idx ON api_tokens (profile_id, created_at DESC) WHERE profile_id IS NOT NULL;
CREATE INDEX api_tokens_staff_idx ON api_tokens (staff_id, created_at DESC) WHERE staff_id IS NOT NULL;

CREATE TABLE password_reset_tokens (
  token_hash  text PRIMARY KEY,
  profile_id  uuid REFERENCES profiles (id),
  staff_id    uuid REFERENCES staff_users (id),
  purpose     text NOT NULL DEFAULT 'reset' CHECK (purpose IN ('reset', 'invite')),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  CHECK ((profile_id IS NULL) <> (staff_id IS NULL))
);
CREATE INDEX password_reset_tokens_profile_idx ON password_reset_tokens (profile_id) WHERE used_at IS NULL;
CREATE INDEX password_reset_tokens_staff_idx ON password_reset_tokens (staff_id) WHERE used_at IS NULL;

-- X-3: who did what to which row, when, with the state before and after.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_kind  text NOT NULL CHECK (actor_kind IN ('profile', 'staff', 'system', 'anonymous')),
  actor_id    uuid,
  actor_label text NOT NULL DEFAULT '',
  company_id  uuid,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  before      jsonb,
  after       jsonb,
  ip          text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at DESC);
CREATE INDEX audit_log_company_idx ON audit_log (company_id, at DESC) WHERE company_id IS NOT NULL;

-- E-1: mail is written here in the same transaction as the event, then delivered by a job.
CREATE TABLE mail_outbox (
  id              bigserial PRIMARY KEY,
  created_at      timestamptz NOT NULL,
  to_address      text NOT NULL,
  subject         text NOT NULL,
  text_body       text NOT NULL,
  html_body       text,
  headers         jsonb NOT NULL DEFAULT '{}'::jsonb,
  message_id      text NOT NULL UNIQUE,
  kind            text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  transport       text,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until    timestamptz,
  last_error      text,
  sent_at         timestamptz
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC, id DESC);

-- The vendor's catalogue skeleton (brands, products, releases); the licenses module extends it.
CREATE TABLE brands (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  slug        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL
);

CREATE TABLE products (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  brand_id    uuid NOT NULL REFERENCES brands (id),
  name        text NOT NULL,
  slug        text NOT NULL UNIQUE,
  kind        text NOT NULL CHECK (kind IN ('main', 'module', 'free')),
  created_at  timestamptz NOT NULL
);
CREATE INDEX products_brand_idx ON products (brand_id, name);

CREATE TABLE releases (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id  uuid NOT NULL REFERENCES products (id),
  version     text NOT NULL,
  branch      text NOT NULL,
  released_on date NOT NULL,
  created_at  timestamptz NOT NULL,
  UNIQUE (product_id, version)
);
CREATE INDEX releases_product_idx ON releases (product_id, released_on DESC);
