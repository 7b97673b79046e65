// Shipped once released: never edit. Changes go into a new numbered migration.

import { MIGRATION_22_SQL } from '../sqlite/migration-022';

// As SQLite's migration 022: a unit's 行政区划代码 for the national and provincial exports.
export const PG_MIGRATION_10_SQL = MIGRATION_22_SQL;
