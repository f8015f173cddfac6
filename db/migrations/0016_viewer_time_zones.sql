-- Issue 11, times in the viewer's zone: a person's time zone is their own choice or "not set", and
-- "not set" means the browser's zone. Until now profiles.timezone defaulted to 'UTC', so "never
-- chose" and "chose UTC" looked the same.
ALTER TABLE profiles ALTER COLUMN timezone DROP DEFAULT;
ALTER TABLE profiles ALTER COLUMN timezone DROP NOT NULL;

-- Existing rows: a zone other than 'UTC' was chosen by the person (the default was 'UTC') and stays.
-- A 'UTC' row is the old default unless the audit log shows a profile update that set the zone
-- (every PATCH records the changed fields in audit_log.after) after the profile's last
-- re-registration (which reset the zone to 'UTC' for the new person): only those keep 'UTC', the
-- others become NULL (automatic). Looked up through audit_log_entity_idx (entity, entity_id, at).
UPDATE profiles p
SET timezone = NULL
WHERE p.timezone = 'UTC'
  AND NOT EXISTS (
    SELECT 1
    FROM audit_log a
    WHERE a.entity = 'profile'
      AND a.entity_id = p.id::text
      AND a.action = 'profile.updated'
      AND a.after -> 'timezone' IS NOT NULL
      AND a.at > COALESCE(
        (SELECT max(r.at) FROM audit_log r
         WHERE r.entity = 'profile' AND r.entity_id = p.id::text AND r.action = 'profile.re-registered'),
        '-infinity'::timestamptz)
  );

-- Staff users set their own zone on their settings page; NULL = the browser's.
ALTER TABLE staff_users ADD COLUMN timezone text;
