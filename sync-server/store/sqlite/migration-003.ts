// Shipped once released: never edit. Changes go into a new numbered migration.

/** Tables whose changes kiosks must pick up; staff only for the columns a kiosk shows or checks. */
const WATCHED = ['units', 'windows', 'reasons', 'service_items'];
const bump = 'UPDATE catalog_version SET version = version + 1 WHERE id = 1;';

export const MIGRATION_3_SQL = `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    window_id TEXT NOT NULL REFERENCES windows(id),
    credential_hash TEXT NOT NULL UNIQUE,
    enrolled_at INTEGER NOT NULL,
    enrolled_by TEXT,
    revoked_at INTEGER,
    revoked_by TEXT,
    last_seen_at INTEGER,
    app_version TEXT,
    queue_depth INTEGER,
    conflicts INTEGER,
    dead_letters INTEGER,
    storage_persisted INTEGER,
    user_agent TEXT
  );

  CREATE TABLE enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    window_id TEXT NOT NULL REFERENCES windows(id),
    created_by TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by_device TEXT
  );

  ALTER TABLE staff ADD COLUMN pin_hash TEXT;

  -- A counter kiosks compare with their copy: any change that they show bumps it (triggers below).
  CREATE TABLE catalog_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
  INSERT INTO catalog_version (id, version) VALUES (1, 1);

  ${WATCHED.map(
    (t) => `
  CREATE TRIGGER ${t}_ins_version AFTER INSERT ON ${t} BEGIN ${bump} END;
  CREATE TRIGGER ${t}_upd_version AFTER UPDATE ON ${t} BEGIN ${bump} END;
  CREATE TRIGGER ${t}_del_version AFTER DELETE ON ${t} BEGIN ${bump} END;`,
  ).join('')}
  CREATE TRIGGER staff_ins_version AFTER INSERT ON staff BEGIN ${bump} END;
  CREATE TRIGGER staff_upd_version AFTER UPDATE OF name, employee_no, unit_id, window_id, roles_json, active, photo_updated_at, pin_hash ON staff
    BEGIN ${bump} END;
`;
