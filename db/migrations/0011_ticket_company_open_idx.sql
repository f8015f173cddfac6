-- T-11: a company's open tickets are weighed again whenever it opens a ticket or changes a priority;
-- this partial index keeps that one UPDATE to the company's open tickets, however many closed ones
-- it has.
CREATE INDEX tickets_company_open_idx ON tickets (company_id)
  WHERE status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'pre_closed')
    AND type_key <> 'license_log' AND merged_into_id IS NULL;
