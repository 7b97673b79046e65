// Shipped once released: never edit. Changes go into a new numbered migration.

import { MIGRATION_25_SQL } from '../sqlite/migration-025';

// As SQLite's migration 025: the comments waiting for publication, by partial indexes on consent.
export const PG_MIGRATION_13_SQL = MIGRATION_25_SQL;
