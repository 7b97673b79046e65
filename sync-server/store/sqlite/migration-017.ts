// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * The default 满意 of finished 办件 (issue 14, sync-server/defaults/): at most one default per 办件, decided by the
 * database between job runs and instances (ratings_one_default: INSERT … ON CONFLICT DO NOTHING, never a
 * check-then-insert); a default overtaken by a citizen rating made before it was due is kept and marked
 * (superseded_at, superseded_by: the citizen rating's id) and no longer counted (sql-rules.ts COUNTED).
 * ratings_service_case finds a 办件's ratings by (unit, 办件编号) in time order; ratings_open_defaults is what the
 * job's supersede sweep walks; service_cases_finished is what the job's candidate scan walks, in pages.
 * `time` is the type of a Unix-ms column: INTEGER here, BIGINT in PostgreSQL's migration 005.
 */
export const defaultRatingsSql = (time: string) => `
  ALTER TABLE ratings ADD COLUMN superseded_at ${time};
  ALTER TABLE ratings ADD COLUMN superseded_by TEXT;
  CREATE UNIQUE INDEX ratings_one_default ON ratings(unit_id, case_number) WHERE channel = 'DEFAULT';
  CREATE INDEX ratings_service_case ON ratings(unit_id, case_number, rated_at) WHERE case_number IS NOT NULL;
  CREATE INDEX ratings_open_defaults ON ratings(unit_id, case_number) WHERE channel = 'DEFAULT' AND superseded_at IS NULL;
  CREATE INDEX service_cases_finished ON service_cases(finished_at, id) WHERE status = 'FINISHED';
`;

export const MIGRATION_17_SQL = defaultRatingsSql('INTEGER');
