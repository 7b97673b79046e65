// Shipped once released: never edit. Changes go into a new numbered migration.

import { MIGRATION_24_SQL } from '../sqlite/migration-024';

// As SQLite's migration 024: the submitted versions of each month's Attachment 2 (month close).
export const PG_MIGRATION_12_SQL = MIGRATION_24_SQL;
