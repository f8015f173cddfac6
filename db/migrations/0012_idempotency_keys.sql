-- Issue 19: safe retries. The first successful answer of a create request sent with an
-- Idempotency-Key, stored in the transaction of its effect, so that the same request sent again
-- (after a lost answer) is answered from here instead of being carried out twice. Keys are scoped to
-- the caller; a row past expires_at counts as absent and is swept by the idempotency-sweep job.
CREATE TABLE idempotency_keys (
  id bigserial PRIMARY KEY,
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  UNIQUE (scope, key)
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
