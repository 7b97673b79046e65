// Shipped once released: never edit. Changes go into a new numbered migration.

export const MIGRATION_4_SQL = `
  ALTER TABLE ratings ADD COLUMN service_item_id TEXT;
  ALTER TABLE ratings ADD COLUMN service_date TEXT;
  ALTER TABLE ratings ADD COLUMN entered_by TEXT;
  ALTER TABLE ratings ADD COLUMN checked_by TEXT;
  ALTER TABLE ratings ADD COLUMN has_photo INTEGER;
  CREATE INDEX ratings_case ON ratings(case_number) WHERE case_number IS NOT NULL;

  -- A photo of a paper form shows the evaluator's name and phone: encrypted like contact data.
  CREATE TABLE rating_photos (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id),
    mime TEXT NOT NULL,
    bytes_enc BLOB NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
`;
