-- T-18 Access info: server access details a customer leaves on a ticket for the engineers.
-- Everything but the protocol is sealed with AES-256-GCM (src/modules/access-info/seal.ts): the key
-- comes from configuration, never from this database, so a copy of the database alone reveals nothing.
CREATE TABLE ticket_access_info (
  ticket_id        uuid PRIMARY KEY REFERENCES tickets (id),
  company_id       uuid NOT NULL REFERENCES companies (id),
  -- Not secret: shown to the customer and in the staff panel before a reveal.
  protocol         text CHECK (protocol IN ('ssh', 'sftp', 'ftp', 'ftps', 'https', 'other')),
  -- Which key sealed the row (a fingerprint of it), so keys can be rotated.
  key_id           text,
  iv               bytea CHECK (octet_length(iv) = 12),
  sealed           bytea,
  auth_tag         bytea CHECK (octet_length(auth_tag) = 16),
  posted_by        uuid REFERENCES profiles (id),
  posted_by_label  text NOT NULL DEFAULT '',
  posted_at        timestamptz,
  -- When the ticket closed (null while it is open); kept by the tickets module on every close and
  -- re-open, so the erase job finds what is due by the index below and never reads tickets.
  ticket_closed_at timestamptz,
  -- An erased row keeps only who erased it and when (its ciphertext is gone): "erased on …".
  erased_at        timestamptz,
  erased_by_label  text NOT NULL DEFAULT '',
  erase_reason     text CHECK (erase_reason IN ('customer', 'retention')),
  CHECK (
    (erased_at IS NULL AND protocol IS NOT NULL AND key_id IS NOT NULL AND iv IS NOT NULL AND sealed IS NOT NULL
      AND auth_tag IS NOT NULL AND posted_at IS NOT NULL)
    OR (erased_at IS NOT NULL AND sealed IS NULL AND iv IS NULL AND auth_tag IS NULL AND erase_reason IS NOT NULL)
  )
);
-- The retention job: held rows of closed tickets, oldest close first.
CREATE INDEX ticket_access_info_erase_idx ON ticket_access_info (ticket_closed_at)
  WHERE sealed IS NOT NULL AND ticket_closed_at IS NOT NULL;
-- Start-up: is any held row sealed with a key this server does not have?
CREATE INDEX ticket_access_info_key_idx ON ticket_access_info (key_id) WHERE sealed IS NOT NULL;
