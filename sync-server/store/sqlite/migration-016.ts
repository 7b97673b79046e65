// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * 办件 (service cases: what a window handled, which 一次一评 / 一事一评 rate), unique by unit and 办件编号 so that
 * the business system's replays and concurrent writers meet on the key; lists by person or window and day read
 * the (staff|window|unit, accepted_at) indexes. Business-system tokens write 办件 of one unit; only their hash is
 * kept. `time` is the type of a Unix-ms column: INTEGER here, BIGINT in PostgreSQL's migration 004.
 */
export const serviceCasesSql = (time: string) => `
  CREATE TABLE service_cases (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units(id),
    case_no TEXT NOT NULL,
    service_item_id TEXT NOT NULL REFERENCES service_items(id),
    window_id TEXT NOT NULL REFERENCES windows(id),
    staff_id TEXT REFERENCES staff(id),
    applicant_type TEXT NOT NULL CHECK (applicant_type IN ('PERSON', 'LEGAL_PERSON')),
    accepted_at ${time} NOT NULL,
    finished_at ${time},
    status TEXT NOT NULL CHECK (status IN ('ACCEPTED', 'IN_PROGRESS', 'FINISHED', 'NOT_ACCEPTED')),
    source TEXT NOT NULL CHECK (source IN ('API', 'IMPORT', 'TABLET')),
    received_at ${time} NOT NULL,
    updated_at ${time} NOT NULL,
    UNIQUE (unit_id, case_no),
    CHECK (finished_at IS NULL OR finished_at >= accepted_at),
    CHECK (status <> 'FINISHED' OR finished_at IS NOT NULL)
  );
  CREATE INDEX service_cases_staff_accepted ON service_cases(staff_id, accepted_at);
  CREATE INDEX service_cases_window_accepted ON service_cases(window_id, accepted_at);
  CREATE INDEX service_cases_unit_accepted ON service_cases(unit_id, accepted_at);

  CREATE TABLE system_tokens (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT,
    created_at ${time} NOT NULL,
    revoked_at ${time},
    revoked_by TEXT,
    last_used_at ${time}
  );
`;

export const MIGRATION_16_SQL = serviceCasesSql('INTEGER');
