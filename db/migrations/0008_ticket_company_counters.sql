-- Module boundaries (issue 9): the HotRush disable counter (T-12) is the tickets module's, so it
-- moves from accounts' companies table to a table tickets owns. One row per company that has used
-- a disable; no row means none used. The CHECK keeps the limit a database fact.
CREATE TABLE ticket_company_counters (
  company_id       uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
  hotrush_disables int NOT NULL DEFAULT 0 CHECK (hotrush_disables >= 0)
);
INSERT INTO ticket_company_counters (company_id, hotrush_disables)
SELECT id, hotrush_disables FROM companies WHERE hotrush_disables > 0;
ALTER TABLE companies DROP COLUMN hotrush_disables;
