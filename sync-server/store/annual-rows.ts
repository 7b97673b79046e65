import type { AnnualRating } from '../../src/domain/figures/annual-report';
import { COLUMNS, figureCasesFromRows, figureCasesSql, figureRatingFromRow, type FigureRating, type FigureRatingRow } from './figure-rows';
import type { StoredCase } from './store';

/** What the annual rectification report reads (issue 15): one period's bad reviews, their 办件's ratings, their cases. */
export interface AnnualFacts {
  /** The bad ratings with rated_at in [from, to) that have a case (a paper form has one only once checked). */
  reviews: { rating: AnnualRating; figure: FigureRating }[];
  /** Every rating of a 办件 one of the reviews belongs to, of any time and level: countedIds decides by all of them. */
  related: FigureRating[];
  cases: StoredCase[];
}

export interface AnnualStore {
  /** The facts of one period, of one unit or (null) of all. Reads existing tables: no migration. */
  listAnnualFacts(from: number, to: number, unitId: string | null): Promise<AnnualFacts>;
}

const BAD = `ratings.level IN ('DISSATISFIED', 'VERY_DISSATISFIED')`;

/**
 * Parameters: 1 from, 2 to, 3 the unit (only when `unit`). Only bad ratings with a case: the period by the figures'
 * index (rated_at first, level in it), the wide row read only for those. The item: a paper form's own, else its 办件's.
 */
export function annualSql(unit: boolean, p: (n: number) => string): { reviews: string; related: string; cases: string; events: string } {
  const inPeriod = (t: string) => `${t}.rated_at >= ${p(1)} AND ${t}.rated_at < ${p(2)}${unit ? ` AND ${t}.unit_id = ${p(3)}` : ''}`;
  return {
    reviews: `SELECT ${COLUMNS}, ratings.reasons_json, ratings.other_reason, ratings.comment_scrubbed,
        COALESCE(ratings.service_item_id, sc.service_item_id) AS item_id
      FROM ratings JOIN cases c ON c.id = ratings.id
        LEFT JOIN service_cases sc ON sc.unit_id = ratings.unit_id AND sc.case_no = ratings.case_number
      WHERE ${inPeriod('ratings')} AND ${BAD}`,
    related: `SELECT ${COLUMNS} FROM (SELECT DISTINCT ratings.unit_id, ratings.case_number FROM ratings JOIN cases c ON c.id = ratings.id
        WHERE ${inPeriod('ratings')} AND ${BAD} AND ratings.case_number IS NOT NULL) k
      JOIN ratings ON ratings.unit_id = k.unit_id AND ratings.case_number = k.case_number`,
    ...figureCasesSql(unit, p),
  };
}

export interface AnnualReviewRow extends FigureRatingRow {
  reasons_json: string;
  other_reason: string | null;
  comment_scrubbed: string | null;
  item_id: string | null;
}

export function annualFactsFromRows(reviews: AnnualReviewRow[], related: FigureRatingRow[], cases: Record<string, unknown>[], events: Record<string, unknown>[]): AnnualFacts {
  return {
    reviews: reviews.map((r) => ({
      figure: figureRatingFromRow(r),
      rating: {
        id: r.id, level: r.level, channel: r.channel, ratedAt: Number(r.rated_at), unitId: r.unit_id, windowId: r.window_id, staffId: r.staff_id,
        reasons: JSON.parse(r.reasons_json) as string[], otherReason: r.other_reason, comment: r.comment_scrubbed, serviceItemId: r.item_id,
      },
    })),
    related: related.map(figureRatingFromRow),
    cases: figureCasesFromRows(cases, events),
  };
}
