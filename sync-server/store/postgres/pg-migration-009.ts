// Shipped once released: never edit. Changes go into a new numbered migration.

import { FIGURES_INDEX_SQL } from '../figure-rows';

// As SQLite's migration 021: the figures' covering index on ratings (the reasons are in figure-rows.ts).
export const PG_MIGRATION_9_SQL = FIGURES_INDEX_SQL;
