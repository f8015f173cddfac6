-- Inbound mail for staff review is keyset-paged newest first, by state or all (E-2).
DROP INDEX inbound_mail_state_idx;
CREATE INDEX inbound_mail_state_idx ON inbound_mail (state, received_at DESC, id DESC);
CREATE INDEX inbound_mail_received_idx ON inbound_mail (received_at DESC, id DESC);

-- T-13: a ticket can be rated once work on it has finished: an agent answered it at least once.
ALTER TABLE tickets ADD COLUMN first_answer_at timestamptz;
UPDATE tickets t SET first_answer_at = m.at
FROM (SELECT ticket_id, min(created_at) AS at FROM ticket_messages WHERE author_kind = 'staff' AND NOT internal GROUP BY ticket_id) m
WHERE m.ticket_id = t.id;
