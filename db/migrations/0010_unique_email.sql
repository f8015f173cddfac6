-- Issue 10.2, A-1 / A-13: one address is one person across customer profiles and staff users, and a
-- self-service sign-up confirms its address before it can log in.

-- Existing duplicates. Profiles were already unique among themselves (profiles_email_key) and staff
-- users among themselves (staff_users_email_key); a profile and a staff user may share an address.
-- No rule can pick the right owner of such an address for the operator (renaming one would lock a
-- person out of their log-in, or hand their password recovery to the other), so the migration stops
-- before changing anything and lists every pair; the operator gives one of each pair another
-- address (`clientele change-staff-email`, which runs without migrating) and starts Clientele again.
DO $$
DECLARE
  pairs text;
BEGIN
  SELECT string_agg(format('%s (profile %s, staff user %s)', lower(p.email), p.id, s.id), '; '
                    ORDER BY lower(p.email))
    INTO pairs
    FROM profiles p
    JOIN staff_users s ON lower(s.email) = lower(p.email);
  IF pairs IS NOT NULL THEN
    RAISE EXCEPTION 'Migration 0010_unique_email stopped: these e-mail addresses belong to both a customer profile and a staff user: %. One address is one person (A-1): give one of each pair another address (for a staff user: clientele change-staff-email --from OLD --to NEW, which runs before the migrations), then start Clientele again. Nothing was changed.', pairs;
  END IF;
END $$;

-- The register of addresses in use, owned by auth: one row per profile or staff user, keyed by the
-- lower-cased address, so that the primary key refuses a second person with the same address under
-- any concurrency (the second insert waits for the first transaction and then fails).
CREATE TABLE email_addresses (
  email_lower text PRIMARY KEY,
  profile_id  uuid UNIQUE REFERENCES profiles (id) ON DELETE CASCADE,
  staff_id    uuid UNIQUE REFERENCES staff_users (id) ON DELETE CASCADE,
  CHECK ((profile_id IS NULL) <> (staff_id IS NULL))
);
INSERT INTO email_addresses (email_lower, profile_id) SELECT lower(email), id FROM profiles;
INSERT INTO email_addresses (email_lower, staff_id) SELECT lower(email), id FROM staff_users;

-- Kept in step by triggers rather than by each writer: every insert or e-mail change of a profile or
-- a staff user claims its address in the same statement, whoever writes it (the use cases, the demo
-- seed, the CLI, an operator's psql, tests' factories), so the rule cannot be forgotten by a new path.
-- A taken address fails the writer's statement with unique_violation on email_addresses_pkey.
CREATE FUNCTION claim_profile_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO email_addresses (email_lower, profile_id) VALUES (lower(NEW.email), NEW.id)
    ON CONFLICT (profile_id) DO UPDATE SET email_lower = EXCLUDED.email_lower;
  RETURN NULL;
END $$;

CREATE FUNCTION claim_staff_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO email_addresses (email_lower, staff_id) VALUES (lower(NEW.email), NEW.id)
    ON CONFLICT (staff_id) DO UPDATE SET email_lower = EXCLUDED.email_lower;
  RETURN NULL;
END $$;

CREATE TRIGGER profiles_claim_email AFTER INSERT ON profiles
  FOR EACH ROW EXECUTE FUNCTION claim_profile_email();
CREATE TRIGGER profiles_claim_changed_email AFTER UPDATE OF email ON profiles
  FOR EACH ROW WHEN (lower(OLD.email) IS DISTINCT FROM lower(NEW.email)) EXECUTE FUNCTION claim_profile_email();
CREATE TRIGGER staff_users_claim_email AFTER INSERT ON staff_users
  FOR EACH ROW EXECUTE FUNCTION claim_staff_email();
CREATE TRIGGER staff_users_claim_changed_email AFTER UPDATE OF email ON staff_users
  FOR EACH ROW WHEN (lower(OLD.email) IS DISTINCT FROM lower(NEW.email)) EXECUTE FUNCTION claim_staff_email();

-- A-13: a self-service sign-up's address is unconfirmed until its link is used; null means
-- unconfirmed, and such a profile cannot log in. Every profile that exists now is confirmed.
ALTER TABLE profiles ADD COLUMN email_confirmed_at timestamptz;
UPDATE profiles SET email_confirmed_at = created_at;

-- The confirmation link is a single-use, expiring token like a reset or an invitation.
ALTER TABLE password_reset_tokens DROP CONSTRAINT password_reset_tokens_purpose_check;
ALTER TABLE password_reset_tokens
  ADD CONSTRAINT password_reset_tokens_purpose_check CHECK (purpose IN ('reset', 'invite', 'confirm'));
