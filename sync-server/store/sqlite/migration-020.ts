// Shipped once released: never edit. Changes go into a new numbered migration.

import { ratingReviewSql } from '../rating-flag-rows';

// Staff sign-ins on devices and supervision's marks on flagged ratings (issue 14); the reasons are in rating-flag-rows.ts.
export const MIGRATION_20_SQL = ratingReviewSql('INTEGER');
