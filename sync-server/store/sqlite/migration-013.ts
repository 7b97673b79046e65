// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * From version 13 (issue 13) the catalogue version is no longer bumped by triggers: which writes a kiosk sees is a
 * business rule (store/rules/catalog-version.ts) that every store must follow alike, and a PostgreSQL store
 * should not need a second copy of it in PL/pgSQL. The SQLite store now bumps `catalog_version` itself, in the
 * transaction of each write, by one per row written as the triggers did; the counter keeps its value.
 */
const TRIGGERS = [
  ...['units', 'windows', 'reasons', 'service_items'].flatMap((t) => [`${t}_ins_version`, `${t}_upd_version`, `${t}_del_version`]),
  'staff_ins_version',
  'staff_upd_version',
];

export const MIGRATION_13_SQL = TRIGGERS.map((t) => `DROP TRIGGER IF EXISTS ${t};`).join('\n');
