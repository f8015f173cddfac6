-- The dev mailbox is searched by recipient (staff console, tests), newest first.
CREATE INDEX mail_outbox_to_idx ON mail_outbox (lower(to_address), created_at DESC, id DESC);
