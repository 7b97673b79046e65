// Shipped once released: never edit. Changes go into a new numbered migration.

export const MIGRATION_2_SQL_BEFORE = `
  ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE windows ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

  ALTER TABLE staff ADD COLUMN roles_json TEXT NOT NULL DEFAULT '["STAFF"]';
  ALTER TABLE staff ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE staff ADD COLUMN password_hash TEXT;
  ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE staff ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE staff ADD COLUMN locked_until INTEGER;
  ALTER TABLE staff ADD COLUMN photo_updated_at INTEGER;
  ALTER TABLE staff DROP COLUMN photo_url;

  CREATE TABLE staff_photos (
    staff_id TEXT PRIMARY KEY REFERENCES staff(id),
    mime TEXT NOT NULL,
    bytes BLOB NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    user_agent TEXT
  );
  CREATE INDEX sessions_staff ON sessions(staff_id);

  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    detail_json TEXT,
    ip TEXT
  );
  CREATE INDEX audit_target ON audit_log(target_type, target_id);

  CREATE TABLE service_items (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    name_json TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (unit_id, code)
  );

  ALTER TABLE ratings ADD COLUMN contact_enc TEXT;
  ALTER TABLE ratings ADD COLUMN contact_name_masked TEXT;
  ALTER TABLE ratings ADD COLUMN contact_phone_masked TEXT;
  ALTER TABLE ratings ADD COLUMN contact_company_masked TEXT;
  CREATE INDEX ratings_rated ON ratings(rated_at);
  ALTER TABLE rating_conflicts ADD COLUMN contact_enc TEXT;
`;

export const MIGRATION_2_SQL_AFTER = `
  ALTER TABLE ratings DROP COLUMN contact_name;
  ALTER TABLE ratings DROP COLUMN contact_phone;
  ALTER TABLE ratings DROP COLUMN contact_company;
`;
