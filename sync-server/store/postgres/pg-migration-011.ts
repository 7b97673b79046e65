// Shipped once released: never edit. Changes go into a new numbered migration.

import { MIGRATION_23_SQL } from '../sqlite/migration-023';

// As SQLite's migration 023: public disclosure per unit, the evaluator's consent, approved comments.
export const PG_MIGRATION_11_SQL = MIGRATION_23_SQL;
