-- E-2 (issue 10.1): inbound mail is attributed by a signed reply address or by the sender's domain
-- authentication, never by the From: header alone.

-- The SMTP session's client (the listener knows it) and what the decision was based on: SPF, DKIM,
-- DMARC (checked by the listener, or read from a trusted Authentication-Results header), the
-- envelope sender and the reply address token. Staff read it on the Inbound mail page.
ALTER TABLE inbound_mail
  ADD COLUMN client_ip text NOT NULL DEFAULT '',
  ADD COLUMN helo      text NOT NULL DEFAULT '',
  ADD COLUMN checks    jsonb;

-- Server secrets: keys the app generates once and every app server shares (they live with the data,
-- so a restore keeps them and several servers on one database agree). The key of the reply
-- address tokens (HMAC-SHA256) is made here from PostgreSQL's strong random source (two v4 UUIDs:
-- 244 random bits, hashed to 32 bytes). Replacing it invalidates the reply addresses already mailed:
-- replies to them are held for review.
CREATE TABLE server_secrets (
  name  text PRIMARY KEY,
  value bytea NOT NULL CHECK (octet_length(value) >= 32)
);
INSERT INTO server_secrets (name, value)
VALUES ('mail-reply-token', sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')));
