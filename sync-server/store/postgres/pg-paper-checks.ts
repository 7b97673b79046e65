import { fromRatingRow, type RatingRow } from '../rating-row';
import { UNCHECKED_PAPER } from '../sql-rules';
import type { PaperCheckStore } from '../store';
import type { PgDb } from './pg-db';

/** The check (复核) of typed-in paper forms on PostgreSQL: the first check stored wins on paper_checks' key. */
export function pgPaperChecks(db: PgDb): PaperCheckStore {
  return {
    async listUncheckedPaper(filter, limit) {
      const [column, value] = 'windowId' in filter ? ['window_id', filter.windowId] : ['entered_by', filter.enteredBy];
      const rows = await db.query<RatingRow>(`SELECT * FROM ratings WHERE ${column} = $1 AND ${UNCHECKED_PAPER} ORDER BY received_at, seq LIMIT $2`, [
        value,
        limit,
      ]);
      return rows.map(fromRatingRow);
    },
    async confirmPaperCheck(ratingId, by, at, opensCase) {
      return db.tx(async (c) => {
        const form = (await c.query("SELECT staff_id, window_id, unit_id FROM ratings WHERE id = $1 AND channel = 'PAPER'", [ratingId]))[0];
        if (!form) return null;
        // Two checkers at once: the second waits on the key until the first commits, then inserts nothing.
        const checked = await c.query(
          'INSERT INTO paper_checks (rating_id, checked_by, checked_at) VALUES ($1, $2, $3) ON CONFLICT (rating_id) DO NOTHING RETURNING rating_id',
          [ratingId, by, at],
        );
        if (checked.length === 0) {
          const first = (await c.query<{ checked_by: string; checked_at: number }>('SELECT checked_by, checked_at FROM paper_checks WHERE rating_id = $1', [ratingId]))[0];
          return { outcome: 'already' as const, checkedBy: first.checked_by, checkedAt: first.checked_at };
        }
        await c.query('UPDATE ratings SET checked_by = $1 WHERE id = $2', [by, ratingId]);
        // The case starts when the form starts to count: its deadlines run from the check. A form stored before the
        // check step may already have opened its case: that one is kept.
        if (opensCase) {
          await c.query(
            `INSERT INTO cases (id, staff_id, window_id, unit_id, anonymous, received_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
            [ratingId, form.staff_id, form.window_id, form.unit_id, opensCase.anonymous ? 1 : 0, at],
          );
        }
        return { outcome: 'checked' as const, checkedBy: by, checkedAt: at };
      });
    },
  };
}
