// Shipped: never edit. Changes go into a new numbered migration.
export const MIGRATION_1_SQL = `
      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        name_json TEXT NOT NULL
      );
      CREATE TABLE windows (
        id TEXT PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units(id),
        number TEXT NOT NULL,
        name_json TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        employee_no TEXT NOT NULL UNIQUE,
        unit_id TEXT NOT NULL REFERENCES units(id),
        window_id TEXT REFERENCES windows(id),
        photo_url TEXT
      );
      CREATE TABLE reasons (
        key TEXT PRIMARY KEY,
        label_json TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1
      );
      CREATE TABLE ratings (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        payload_hash TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        level TEXT NOT NULL,
        reasons_json TEXT NOT NULL,
        other_reason TEXT,
        comment TEXT,
        contact_name TEXT,
        contact_phone TEXT,
        contact_company TEXT,
        channel TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        staff_id TEXT,
        device_id TEXT NOT NULL,
        device_time INTEGER NOT NULL,
        rated_at INTEGER NOT NULL,
        clock_offset_ms INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        locale TEXT NOT NULL,
        case_number TEXT,
        session_id TEXT,
        invited_at INTEGER,
        assessment_no INTEGER
      );
      CREATE INDEX ratings_window_rated ON ratings(window_id, rated_at);
      CREATE INDEX ratings_staff_rated ON ratings(staff_id, rated_at);
      CREATE TABLE rating_conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        rating_id TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        device_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (rating_id, payload_hash)
      );
    `;
