// Shipped once released: never edit. Changes go into a new numbered migration.

// Month close (issue 15): each submitted version of a month's Attachment 2, per scope ('' = the whole hall, else a
// unit id). The unique key (month, unit_id, version) is what stops two offices submitting the same version at once.
// table_json: the rows as submitted; signatures_json: every rating of the month in the scope with what it
// contributed (month-close.ts RatingSignature, packed by store/month-close-rows.ts), to explain later corrections.
// id (UUIDv7) is a single-column key for `npm run migrate-store`'s keyset pages.
export const MIGRATION_24_SQL = `
  CREATE TABLE month_closes (
    id TEXT PRIMARY KEY,
    month TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    generated_at BIGINT NOT NULL,
    table_json TEXT NOT NULL,
    signatures_json TEXT NOT NULL,
    UNIQUE (month, unit_id, version)
  );
`;
