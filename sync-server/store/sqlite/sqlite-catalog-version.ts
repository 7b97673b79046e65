import type Database from 'better-sqlite3';

/**
 * Moves the catalogue version kiosks compare with their copy, by one per row written (what the triggers of
 * migration 003 did, dropped in 013). Called by each catalogue write inside its own transaction; which writes
 * count is store/rules/catalog-version.ts.
 */
export function bumpCatalogVersion(db: Database.Database, rows: number) {
  if (rows > 0) db.prepare('UPDATE catalog_version SET version = version + ? WHERE id = 1').run(rows);
}
