// Shipped once released: never edit. Changes go into a new numbered migration.

import { ratingLinksSql } from '../sqlite/migration-019';

// Rating links of the phone page, as SQLite's migration 019 (the reasons are there), times as BIGINT.
export const PG_MIGRATION_7_SQL = ratingLinksSql('BIGINT');
