// Shipped once released: never edit. Changes go into a new numbered migration.

import { ratingReviewSql } from '../rating-flag-rows';

// As SQLite's migration 020 (the reasons are in rating-flag-rows.ts), times as BIGINT.
export const PG_MIGRATION_8_SQL = ratingReviewSql('BIGINT');
