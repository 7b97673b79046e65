// Shipped once released: never edit. Changes go into a new numbered migration.

// A unit's 行政区划代码 (6 or 12 digits, checked by the admin route): the national GB/T 39046 and provincial exports
// carry it on every row. Nullable: existing units have none until the administrator sets it.
export const MIGRATION_22_SQL = `ALTER TABLE units ADD COLUMN division_code TEXT;`;
