// Shipped once released: never edit. Changes go into a new numbered migration.

import { defaultRatingsSql } from '../sqlite/migration-017';

// The default 满意: one per 办件, superseded defaults marked, as SQLite's migration 017 (the reasons are there).
export const PG_MIGRATION_5_SQL = defaultRatingsSql('BIGINT');
