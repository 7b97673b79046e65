import type Database from 'better-sqlite3';
import { fromRatingRow, type RatingRow } from '../rating-row';
import { UNCHECKED_PAPER } from '../sql-rules';
import type { PaperCheckStore } from '../store';

type Row = Record<string, any>;

/** The check (复核) of typed-in paper forms: the list waiting for one, and the confirmation that makes a form count. */
export function sqlitePaperChecks(db: Database.Database): PaperCheckStore {
  const unchecked = (column: 'window_id' | 'entered_by') =>
    db.prepare(
      `SELECT * FROM ratings WHERE ${column} = ? AND ${UNCHECKED_PAPER} ORDER BY received_at, seq LIMIT ?`,
    );
  const byWindow = unchecked('window_id');
  const byTypist = unchecked('entered_by');
  const paperRow = db.prepare("SELECT staff_id, window_id, unit_id FROM ratings WHERE id = ? AND channel = 'PAPER'");
  const checkOf = db.prepare('SELECT checked_by, checked_at FROM paper_checks WHERE rating_id = ?');
  const insertCheck = db.prepare('INSERT INTO paper_checks (rating_id, checked_by, checked_at) VALUES (?, ?, ?)');
  const markRating = db.prepare('UPDATE ratings SET checked_by = ? WHERE id = ?');
  // OR IGNORE: a form stored before the check step may already have opened its case.
  const openCase = db.prepare('INSERT OR IGNORE INTO cases (id, staff_id, window_id, unit_id, anonymous, received_at) VALUES (?, ?, ?, ?, ?, ?)');

  return {
    async listUncheckedPaper(filter, limit) {
      const rows = 'windowId' in filter ? byWindow.all(filter.windowId, limit) : byTypist.all(filter.enteredBy, limit);
      return (rows as RatingRow[]).map(fromRatingRow);
    },
    async confirmPaperCheck(ratingId, by, at, opensCase) {
      return db
        .transaction(() => {
          const r = paperRow.get(ratingId) as Row | undefined;
          if (!r) return null;
          const existing = checkOf.get(ratingId) as Row | undefined;
          if (existing) return { outcome: 'already' as const, checkedBy: existing.checked_by as string, checkedAt: existing.checked_at as number };
          insertCheck.run(ratingId, by, at);
          markRating.run(by, ratingId);
          // The case starts when the form starts to count: its deadlines run from the check.
          if (opensCase) openCase.run(ratingId, r.staff_id, r.window_id, r.unit_id, opensCase.anonymous ? 1 : 0, at);
          return { outcome: 'checked' as const, checkedBy: by, checkedAt: at };
        })
        .immediate();
    },
  };
}
