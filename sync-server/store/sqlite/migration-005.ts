// Shipped once released: never edit. Changes go into a new numbered migration.

/** One case per bad review; its actions are an append-only log, replayed by src/domain/case-machine.ts. */
export const MIGRATION_5_SQL = `
  CREATE TABLE cases (
    id TEXT PRIMARY KEY REFERENCES ratings(id),
    staff_id TEXT,
    window_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    anonymous INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX cases_staff ON cases(staff_id);
  CREATE INDEX cases_window ON cases(window_id);

  CREATE TABLE case_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL REFERENCES cases(id),
    payload_hash TEXT NOT NULL,
    action_json TEXT NOT NULL,
    by_staff TEXT NOT NULL,
    at INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX case_events_case ON case_events(case_id, seq);

  -- The State Council's holiday and make-up workday lists, one row per year, with their source.
  CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    holidays_json TEXT NOT NULL,
    workdays_json TEXT NOT NULL,
    source TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT
  );

  -- Bad reviews stored before cases existed get theirs now.
  INSERT INTO cases (id, staff_id, window_id, unit_id, anonymous, received_at)
    SELECT id, staff_id, window_id, unit_id, CASE WHEN contact_phone_masked IS NULL THEN 1 ELSE 0 END, received_at
    FROM ratings WHERE level IN ('DISSATISFIED', 'VERY_DISSATISFIED');
`;
