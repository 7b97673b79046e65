// Shipped once released: never edit. Changes go into a new numbered migration.

// Comments waiting for a lead's or the office's decision (issue 16, store/comment-publication-rows.ts): only the
// ratings whose evaluator allowed publication, newest first, per window for a lead. Partial indexes: few ratings
// carry consent, so these stay small while the waiting list stops reading the whole ratings table.
export const MIGRATION_25_SQL = `
  CREATE INDEX ratings_publish_waiting ON ratings(rated_at, id) WHERE publish_consent = 1;
  CREATE INDEX ratings_publish_waiting_window ON ratings(window_id, rated_at, id) WHERE publish_consent = 1;
`;
