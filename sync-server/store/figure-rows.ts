import type { Channel } from '../../src/domain/channels';
import type { RatingFacts } from '../../src/domain/figures/attachment2';
import type { LevelKey } from '../../src/domain/levels';
import { eventsByCase, factsFromRow } from './case-rows';
import { UNCHECKED_PAPER } from './sql-rules';
import type { StoredCase } from './store';

/** A rating as the figures read it; `badReview` is null here (the store does not judge cases; attachment2-report.ts does). */
export type FigureRating = RatingFacts;

export interface FigureFacts {
  /** The ratings with rated_at in [from, to), and every rating of a 办件 one of them belongs to, of any time. */
  ratings: FigureRating[];
  /** The cases of the bad ratings with rated_at in [from, to), with their events in order. */
  cases: StoredCase[];
}

/**
 * The figures' index (SQLite migration 021 = PostgreSQL 009): every column a month's ratings are read by, so a
 * month is one range of this index and never the wide rating rows. Ratings arrive out of time order (a kiosk
 * syncing late, a year of 办件 imported), so the rows of a month lie all over the table: 85,000 of them read through
 * ratings_rated took seconds on a 1,000,000-rating SQLite file (issue 15 bench), the index range a small part of that.
 */
export const FIGURES_INDEX_SQL = `
  CREATE INDEX ratings_figures ON ratings(rated_at, unit_id, window_id, staff_id, level, channel, case_number, superseded_at, id);
`;

/** What the figures read (issue 15); the rules are src/domain/figures, the SQL below is both stores'. */
export interface FigureStore {
  /** The facts of one period, of one unit or (null) of all. No migration: it reads existing tables by the indexes on rated_at. */
  listFigureFacts(from: number, to: number, unitId: string | null): Promise<FigureFacts>;
}

/**
 * The columns of a figure rating, on the table named `ratings` (UNCHECKED_PAPER names it). Flags as 0/1 so both
 * stores give numbers.
 */
export const COLUMNS = `ratings.id, ratings.level, ratings.channel, ratings.rated_at, ratings.unit_id, ratings.window_id, ratings.staff_id, ratings.case_number,
  CASE WHEN ratings.superseded_at IS NULL THEN 0 ELSE 1 END AS superseded,
  CASE WHEN ${UNCHECKED_PAPER} THEN 1 ELSE 0 END AS awaiting_check,
  CASE WHEN EXISTS (SELECT 1 FROM rating_reviews v WHERE v.rating_id = ratings.id AND v.verdict = 'INVALID') THEN 1 ELSE 0 END AS invalid`;

/**
 * Parameters: 1 from, 2 to, 3 the unit (only when `unit`). The month by the rated_at index (ratings_rated); the
 * 办件's ratings of other months by ratings_service_case (unit_id, case_number, rated_at), driven from the month's
 * distinct 办件, so a month reads its own rows and its 办件's few others, never the whole table.
 */
export function figureRatingsSql(unit: boolean, p: (n: number) => string): string {
  const inMonth = (t: string) => `${t}.rated_at >= ${p(1)} AND ${t}.rated_at < ${p(2)}${unit ? ` AND ${t}.unit_id = ${p(3)}` : ''}`;
  return `
    SELECT ${COLUMNS} FROM ratings WHERE ${inMonth('ratings')}
    UNION ALL
    SELECT ${COLUMNS} FROM (SELECT DISTINCT m.unit_id, m.case_number FROM ratings m WHERE ${inMonth('m')} AND m.case_number IS NOT NULL) sc
      JOIN ratings ON ratings.unit_id = sc.unit_id AND ratings.case_number = sc.case_number
    WHERE ratings.case_number IS NOT NULL AND (ratings.rated_at < ${p(1)} OR ratings.rated_at >= ${p(2)})`;
}

/** The month's cases (a case's id is its rating's). */
export function figureCasesSql(unit: boolean, p: (n: number) => string): { cases: string; events: string } {
  // Only bad ratings have cases: the level (in ratings_figures) keeps the probes into cases to those.
  const from = `FROM ratings r JOIN cases c ON c.id = r.id WHERE r.rated_at >= ${p(1)} AND r.rated_at < ${p(2)}${unit ? ` AND r.unit_id = ${p(3)}` : ''}
    AND r.level IN ('DISSATISFIED', 'VERY_DISSATISFIED')`;
  return {
    cases: `SELECT c.id, c.staff_id, c.window_id, c.unit_id, c.anonymous, c.received_at ${from}`,
    events: `SELECT e.seq, e.id, e.case_id, e.payload_hash, e.action_json, e.by_staff, e.at, e.received_at
      FROM case_events e WHERE e.case_id IN (SELECT c.id ${from}) ORDER BY e.case_id, e.seq`,
  };
}

export interface FigureRatingRow {
  id: string;
  level: LevelKey;
  channel: Channel;
  rated_at: number;
  unit_id: string;
  window_id: string;
  staff_id: string | null;
  case_number: string | null;
  superseded: number;
  awaiting_check: number;
  invalid: number;
}

export const figureRatingFromRow = (r: FigureRatingRow): FigureRating => ({
  id: r.id, level: r.level, channel: r.channel, ratedAt: r.rated_at, unitId: r.unit_id, windowId: r.window_id, staffId: r.staff_id,
  caseNumber: r.case_number, superseded: r.superseded === 1, awaitingCheck: r.awaiting_check === 1, invalid: r.invalid === 1, badReview: null,
});

/** Case rows and their event rows (ordered by case, seq) → cases with events. */
export function figureCasesFromRows(caseRows: Record<string, unknown>[], eventRows: Record<string, unknown>[]): StoredCase[] {
  const events = eventsByCase(eventRows);
  return caseRows.map((r) => ({ facts: factsFromRow(r), events: events.get(r.id as string) ?? [] }));
}
