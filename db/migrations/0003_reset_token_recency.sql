-- Counting a person's recent reset links (at most a few an hour) without a scan.
CREATE INDEX password_reset_tokens_profile_created_idx ON password_reset_tokens (profile_id, created_at DESC) WHERE profile_id IS NOT NULL;
CREATE INDEX password_reset_tokens_staff_created_idx ON password_reset_tokens (staff_id, created_at DESC) WHERE staff_id IS NOT NULL;
