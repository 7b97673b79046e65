// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * An audit entry has no natural key: `npm run migrate-store` names each one it moves from a hall's SQLite
 * database (the source's keyed name and its sequence number), so a second run recognises it and adds nothing.
 */
export const PG_MIGRATION_2_SQL = `
  ALTER TABLE audit_log ADD COLUMN imported_from TEXT;
  CREATE UNIQUE INDEX audit_log_imported_from ON audit_log(imported_from) WHERE imported_from IS NOT NULL;
`;
