// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * Facts about the database itself, decided once: `mode` (demo | production) is written in the same transaction
 * that seeds a new database, so a restart can never turn a real hall into the open demo (sync-server/server-mode.ts).
 */
export const MIGRATION_8_SQL = `
  CREATE TABLE server_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
`;
