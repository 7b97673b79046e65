// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * The check (复核) of a typed-in paper form, confirmed by the checker from their own session. A paper form counts
 * (lists, exports, its bad-review case) only once it has a row here; `ratings.checked_by` is set at the same time
 * so the record shows its real checker.
 *
 * Forms stored before this step named their checker when they were typed in: those count as checked by that
 * person at the time they arrived, as they did before. Forms stored without a checker now wait for a check like
 * new ones (a case they already opened stays as it is).
 */
export const MIGRATION_10_SQL = `
  CREATE TABLE paper_checks (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id),
    checked_by TEXT NOT NULL,
    checked_at INTEGER NOT NULL
  );
  INSERT INTO paper_checks (rating_id, checked_by, checked_at)
    SELECT id, checked_by, received_at FROM ratings WHERE channel = 'PAPER' AND checked_by IS NOT NULL;
  -- The checker's list: unchecked paper forms of a window, or typed in by one person.
  CREATE INDEX ratings_paper_window ON ratings(window_id, received_at) WHERE channel = 'PAPER';
  CREATE INDEX ratings_paper_entered_by ON ratings(entered_by, received_at) WHERE channel = 'PAPER';
`;
