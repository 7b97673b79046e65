// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * The case summary (open count, newest arrival per scope) read every case of the scope: about 100 ms per call with
 * 500,000 cases (issue 13's 5,000,000-rating figure), and every tablet asks it at each live alert. Open cases get
 * partial indexes per scope, arrivals a (scope, received_at) index that also serves the plain scope look-ups the
 * single-column indexes did. The same SQL is PostgreSQL's migration 003.
 */
export const CASE_COUNT_INDEXES_SQL = `
  CREATE INDEX cases_open_staff ON cases(staff_id) WHERE closed_at IS NULL;
  CREATE INDEX cases_open_window ON cases(window_id) WHERE closed_at IS NULL;
  CREATE INDEX cases_staff_received ON cases(staff_id, received_at);
  CREATE INDEX cases_window_received ON cases(window_id, received_at);
  CREATE INDEX cases_received ON cases(received_at);
  DROP INDEX cases_staff;
  DROP INDEX cases_window;
`;
