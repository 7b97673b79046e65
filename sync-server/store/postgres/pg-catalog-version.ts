import type { PgQueryable } from './pg-db';

/**
 * Moves the catalogue version kiosks compare with their copy, by one per row written. Called by each catalogue
 * write with the client of its own transaction (the row lock on catalog_version is held to its commit, so
 * versions are given in commit order); which writes count is store/rules/catalog-version.ts.
 */
export async function bumpCatalogVersion(c: PgQueryable, rows: number) {
  if (rows > 0) await c.query('UPDATE catalog_version SET version = version + $1 WHERE id = 1', [rows]);
}
