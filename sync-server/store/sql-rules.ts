/**
 * Conditions on the ratings table that every SQL store states alike (SQLite and PostgreSQL read the same SQL
 * here), so what counts cannot drift between them.
 */

/** The form has been checked (复核) by a second person of its window: it has a paper_checks row (migration 010). */
const CHECKED = 'EXISTS (SELECT 1 FROM paper_checks pc WHERE pc.rating_id = ratings.id)';

/** A rating counts once stored, a paper form once checked. */
export const COUNTED = `(channel <> 'PAPER' OR ${CHECKED})`;

/** A paper form still waiting for its check. */
export const UNCHECKED_PAPER = `(channel = 'PAPER' AND NOT ${CHECKED})`;
