// Shipped once released: never edit. Changes go into a new numbered migration.

// The indexes of the case summary, as SQLite's migration 015 (the reasons are there).
export { CASE_COUNT_INDEXES_SQL as PG_MIGRATION_3_SQL } from '../sqlite/migration-015';
