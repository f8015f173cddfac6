-- Issue 11: the staff queue as agents expect it (views with counts, age, waiting since, sorts) and
-- the staff Overview (numbers per department, created / solved per day, CSAT trend), at a million
-- tickets in < 50 ms p95.

-- Who wrote the last message the customer can see ('customer' or 'staff'; system messages and
-- internal notes do not count), and since when that side has been waiting for the other: the time
-- of the first message of the current run. last_public_by = 'staff' is "waiting on the customer".
ALTER TABLE tickets ADD COLUMN last_public_by text CHECK (last_public_by IN ('customer', 'staff'));
ALTER TABLE tickets ADD COLUMN waiting_since timestamptz;

-- Recomputes both from the ticket's messages (index ticket_messages_ticket_idx): used when messages
-- move between tickets (T-6 move / merge) and for the tickets that exist today.
CREATE FUNCTION ticket_refresh_waiting(tid uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  side text;
  since timestamptz;
BEGIN
  SELECT CASE WHEN author_kind = 'staff' THEN 'staff' ELSE 'customer' END INTO side
  FROM ticket_messages
  WHERE ticket_id = tid AND NOT internal AND author_kind IN ('profile', 'staff')
  ORDER BY seq DESC LIMIT 1;
  IF side IS NOT NULL THEN
    SELECT min(created_at) INTO since FROM ticket_messages
    WHERE ticket_id = tid AND NOT internal AND author_kind IN ('profile', 'staff')
      AND seq > coalesce((
        SELECT max(seq) FROM ticket_messages
        WHERE ticket_id = tid AND NOT internal
          AND author_kind = CASE WHEN side = 'staff' THEN 'profile' ELSE 'staff' END), 0);
  END IF;
  UPDATE tickets SET last_public_by = side, waiting_since = since
  WHERE id = tid AND (last_public_by IS DISTINCT FROM side OR waiting_since IS DISTINCT FROM since);
END $$;

-- Every message written (web, API, e-mail, intake, automation) keeps the two columns, in its own
-- transaction, whichever code path wrote it.
CREATE FUNCTION ticket_messages_waiting_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  side text := CASE WHEN NEW.author_kind = 'staff' THEN 'staff' ELSE 'customer' END;
BEGIN
  UPDATE tickets
  SET waiting_since = CASE WHEN last_public_by IS DISTINCT FROM side THEN NEW.created_at ELSE waiting_since END,
      last_public_by = side
  WHERE id = NEW.ticket_id;
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_messages_waiting_insert AFTER INSERT ON ticket_messages
  FOR EACH ROW WHEN (NOT NEW.internal AND NEW.author_kind IN ('profile', 'staff'))
  EXECUTE FUNCTION ticket_messages_waiting_insert();

CREATE FUNCTION ticket_messages_waiting_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ticket_refresh_waiting(OLD.ticket_id);
  PERFORM ticket_refresh_waiting(NEW.ticket_id);
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_messages_waiting_move AFTER UPDATE OF ticket_id ON ticket_messages
  FOR EACH ROW WHEN (OLD.ticket_id IS DISTINCT FROM NEW.ticket_id)
  EXECUTE FUNCTION ticket_messages_waiting_move();

UPDATE tickets t SET last_public_by = x.side, waiting_since = x.since
FROM (
  SELECT l.ticket_id, l.side,
    (SELECT min(m.created_at) FROM ticket_messages m
     WHERE m.ticket_id = l.ticket_id AND NOT m.internal AND m.author_kind IN ('profile', 'staff')
       AND m.seq > coalesce((SELECT max(o.seq) FROM ticket_messages o WHERE o.ticket_id = l.ticket_id AND NOT o.internal
         AND o.author_kind = CASE WHEN l.side = 'staff' THEN 'profile' ELSE 'staff' END), 0)) AS since
  FROM (
    SELECT DISTINCT ON (ticket_id) ticket_id, CASE WHEN author_kind = 'staff' THEN 'staff' ELSE 'customer' END AS side
    FROM ticket_messages WHERE NOT internal AND author_kind IN ('profile', 'staff')
    ORDER BY ticket_id, seq DESC
  ) l
) x
WHERE x.ticket_id = t.id;

-- The queue's counters: how many tickets per department × status × owner (the zero uuid: nobody) ×
-- waiting on the customer. License logs (T-17) and merged tickets are not work and are not counted.
-- Kept by a statement trigger on tickets (below) in the transaction of every insert and update, so
-- no writer (intake, staff change, merge, move, T-8/T-9 sweeps, inbound mail) can forget it. A few
-- hundred rows at most: every view count is a sum over them, whatever the number of tickets.
CREATE TABLE ticket_queue_counts (
  department_key text NOT NULL,
  status         text NOT NULL,
  assignee_key   uuid NOT NULL,
  waiting        boolean NOT NULL,
  n              bigint NOT NULL,
  PRIMARY KEY (department_key, status, assignee_key, waiting)
);

-- Created, solved (set to Pre-closed or Closed from an open status; a re-opened ticket solved again
-- counts again) and rated tickets per UTC hour and department: the Overview's 30-day chart and CSAT
-- trend read at most a few thousand rows; hours (not days) so that days can be cut in the viewer's
-- time zone.
CREATE TABLE ticket_stats_hourly (
  hour           timestamptz NOT NULL,
  department_key text NOT NULL,
  created        int NOT NULL DEFAULT 0,
  solved         int NOT NULL DEFAULT 0,
  rated          int NOT NULL DEFAULT 0,
  rating_sum     int NOT NULL DEFAULT 0,
  rated_good     int NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, department_key)
);

-- One aggregate per statement, written in key order so that two transactions never wait for each
-- other's counter rows in opposite orders (no deadlock). A statement that changes nothing counted
-- (an effective-priority reweigh, an updated_at touch) writes no counter row.
CREATE FUNCTION tickets_counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ticket_queue_counts AS c (department_key, status, assignee_key, waiting, n)
    SELECT department_key, status, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000'),
      coalesce(last_public_by = 'staff', false), count(*)
    FROM new_rows WHERE type_key <> 'license_log' AND merged_into_id IS NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (department_key, status, assignee_key, waiting) DO UPDATE SET n = c.n + EXCLUDED.n;
    INSERT INTO ticket_stats_hourly AS s (hour, department_key, created)
    SELECT date_trunc('hour', created_at, 'UTC'), department_key, count(*)
    FROM new_rows WHERE type_key <> 'license_log'
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (hour, department_key) DO UPDATE SET created = s.created + EXCLUDED.created;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO ticket_queue_counts AS c (department_key, status, assignee_key, waiting, n)
    SELECT department_key, status, assignee_key, waiting, sum(d) FROM (
      SELECT department_key, status, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000') AS assignee_key,
        coalesce(last_public_by = 'staff', false) AS waiting, 1 AS d
      FROM new_rows WHERE type_key <> 'license_log' AND merged_into_id IS NULL
      UNION ALL
      SELECT department_key, status, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000'),
        coalesce(last_public_by = 'staff', false), -1
      FROM old_rows WHERE type_key <> 'license_log' AND merged_into_id IS NULL
    ) x
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (department_key, status, assignee_key, waiting) DO UPDATE SET n = c.n + EXCLUDED.n;
    INSERT INTO ticket_stats_hourly AS s (hour, department_key, solved, rated, rating_sum, rated_good)
    SELECT hour, department_key, sum(solved), sum(rated), sum(rating_sum), sum(rated_good) FROM (
      SELECT date_trunc('hour', coalesce(n.closed_at, n.pre_closed_at, n.updated_at), 'UTC') AS hour, n.department_key,
        1 AS solved, 0 AS rated, 0 AS rating_sum, 0 AS rated_good
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IN ('pre_closed', 'closed') AND o.status NOT IN ('pre_closed', 'closed')
        AND n.type_key <> 'license_log' AND n.merged_into_id IS NULL
      UNION ALL
      SELECT date_trunc('hour', n.rated_at, 'UTC'), n.department_key, 0, 1, n.rating, CASE WHEN n.rating >= 4 THEN 1 ELSE 0 END
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.rating IS NOT NULL AND (o.rating IS DISTINCT FROM n.rating OR o.rated_at IS DISTINCT FROM n.rated_at)
      UNION ALL
      SELECT date_trunc('hour', o.rated_at, 'UTC'), o.department_key, 0, -1, -o.rating, CASE WHEN o.rating >= 4 THEN -1 ELSE 0 END
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE o.rating IS NOT NULL AND (o.rating IS DISTINCT FROM n.rating OR o.rated_at IS DISTINCT FROM n.rated_at)
    ) x
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (hour, department_key) DO UPDATE SET solved = s.solved + EXCLUDED.solved, rated = s.rated + EXCLUDED.rated,
      rating_sum = s.rating_sum + EXCLUDED.rating_sum, rated_good = s.rated_good + EXCLUDED.rated_good;
  ELSE
    INSERT INTO ticket_queue_counts AS c (department_key, status, assignee_key, waiting, n)
    SELECT department_key, status, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000'),
      coalesce(last_public_by = 'staff', false), -count(*)
    FROM old_rows WHERE type_key <> 'license_log' AND merged_into_id IS NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (department_key, status, assignee_key, waiting) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tickets_counters_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tickets_counters_apply();
CREATE TRIGGER tickets_counters_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tickets_counters_apply();
CREATE TRIGGER tickets_counters_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tickets_counters_apply();

-- The counters of the tickets that exist today (solved: the last pre-close or close we know of).
INSERT INTO ticket_queue_counts (department_key, status, assignee_key, waiting, n)
SELECT department_key, status, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(last_public_by = 'staff', false), count(*)
FROM tickets WHERE type_key <> 'license_log' AND merged_into_id IS NULL GROUP BY 1, 2, 3, 4;
INSERT INTO ticket_stats_hourly (hour, department_key, created, solved, rated, rating_sum, rated_good)
SELECT hour, department_key, sum(created), sum(solved), sum(rated), sum(rating_sum), sum(rated_good) FROM (
  SELECT date_trunc('hour', created_at, 'UTC') AS hour, department_key, 1 AS created, 0 AS solved, 0 AS rated, 0 AS rating_sum, 0 AS rated_good
  FROM tickets WHERE type_key <> 'license_log'
  UNION ALL
  SELECT date_trunc('hour', coalesce(closed_at, pre_closed_at), 'UTC'), department_key, 0, 1, 0, 0, 0
  FROM tickets WHERE status IN ('pre_closed', 'closed') AND coalesce(closed_at, pre_closed_at) IS NOT NULL
    AND type_key <> 'license_log' AND merged_into_id IS NULL
  UNION ALL
  SELECT date_trunc('hour', rated_at, 'UTC'), department_key, 0, 0, 1, rating, CASE WHEN rating >= 4 THEN 1 ELSE 0 END
  FROM tickets WHERE rating IS NOT NULL AND rated_at IS NOT NULL
) x GROUP BY 1, 2;

-- The queue's lists: every sort, over all departments or one, keyset-paged on an index. The
-- statuses are those not Closed: the open views and "Solved" (Pre-closed, T-8) use the same indexes.
DROP INDEX tickets_queue_idx;
CREATE INDEX tickets_queue_idx ON tickets (department_key, hot_rank, queue_due, queue_effective, created_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');
CREATE INDEX tickets_queue_all_idx ON tickets (hot_rank, queue_due, queue_effective, created_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');
CREATE INDEX tickets_queue_age_idx ON tickets (department_key, created_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');
CREATE INDEX tickets_queue_age_all_idx ON tickets (created_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');
CREATE INDEX tickets_queue_activity_idx ON tickets (department_key, last_activity_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');
CREATE INDEX tickets_queue_activity_all_idx ON tickets (last_activity_at, id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed');
-- "Breaching": open tickets whose due time has passed (a range count over the passed due times
-- only, all departments at once; the department rides in the index); "oldest waiting": the open
-- ticket whose customer has waited longest for an answer, per department.
CREATE INDEX tickets_due_open_idx ON tickets (due_at, department_key)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened') AND due_at IS NOT NULL;
CREATE INDEX tickets_customer_waiting_idx ON tickets (department_key, waiting_since)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened') AND last_public_by = 'customer';
