-- Issue 19: the outbox is delivered continuously under a short lease (locked_until, renewed while
-- sending), and mail pushed back because the relay was unreachable for everyone is told apart from
-- mail that failed on its own: it keeps its attempts and is due again at once when the relay answers
-- (or the server restarts).
ALTER TABLE mail_outbox ADD COLUMN relay_deferred boolean NOT NULL DEFAULT false;
-- Claims whose process died: only the rows being sent are in it, so the takeover probe stays tiny.
CREATE INDEX mail_outbox_lease_idx ON mail_outbox (locked_until) WHERE status = 'sending';
-- The mail to make due at once when the relay answers again.
CREATE INDEX mail_outbox_relay_deferred_idx ON mail_outbox (id) WHERE status = 'pending' AND relay_deferred;

-- E-2: a redelivery of a message already received (same Message-ID) is kept as 'duplicate', out of
-- the staff review queue; the index finds the earlier copy.
ALTER TABLE inbound_mail DROP CONSTRAINT inbound_mail_state_check;
ALTER TABLE inbound_mail ADD CONSTRAINT inbound_mail_state_check
  CHECK (state IN ('received', 'processing', 'posted', 'opened', 'held', 'discarded', 'duplicate'));
CREATE INDEX inbound_mail_message_id_idx ON inbound_mail (message_id) WHERE message_id <> '';
