/**
 * Conditions on the ratings table that every SQL store states alike (SQLite and PostgreSQL read the same SQL
 * here), so what counts cannot drift between them.
 */

/** The form has been checked (复核) by a second person of its window: it has a paper_checks row (migration 010). */
const CHECKED = 'EXISTS (SELECT 1 FROM paper_checks pc WHERE pc.rating_id = ratings.id)';

/** A default 满意 overtaken by a citizen rating made before it was due (migration 017): kept, no longer counted. */
const NOT_SUPERSEDED = 'superseded_at IS NULL';

/** A rating counts once stored, a paper form once checked; a superseded default no more. */
export const COUNTED = `((channel <> 'PAPER' OR ${CHECKED}) AND ${NOT_SUPERSEDED})`;

/** A paper form still waiting for its check. */
export const UNCHECKED_PAPER = `(channel = 'PAPER' AND NOT ${CHECKED})`;

/**
 * The case summary of a scope (`cond` on the cases table, its parameters given twice on SQLite): the open count
 * from the partial indexes of open cases and the newest arrival from the (scope, received_at) indexes (SQLite
 * migration 015, PostgreSQL 003), so neither reads every case a scope ever had.
 */
export const caseCountsSql = (cond: string) =>
  `SELECT (SELECT COUNT(*) FROM cases WHERE ${cond} AND closed_at IS NULL) AS open, (SELECT MAX(received_at) FROM cases WHERE ${cond}) AS latest`;
