// Shipped once released: never edit. Changes go into a new numbered migration.

import { serviceCasesSql } from '../sqlite/migration-016';

// 办件 and business-system tokens, as SQLite's migration 016 (the reasons are there), times as BIGINT.
export const PG_MIGRATION_4_SQL = serviceCasesSql('BIGINT');
