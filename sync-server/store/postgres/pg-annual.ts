import { annualFactsFromRows, annualSql, type AnnualReviewRow, type AnnualStore } from '../annual-rows';
import type { FigureRatingRow } from '../figure-rows';
import type { PgDb } from './pg-db';

const mark = (n: number) => `$${n}`;

/** The annual report's read on PostgreSQL: the SQL of annual-rows.ts in one REPEATABLE READ snapshot. */
export function pgAnnual(db: PgDb): AnnualStore {
  return {
    async listAnnualFacts(from, to, unitId) {
      const unit = unitId !== null;
      const params = unit ? [from, to, unitId] : [from, to];
      const sql = annualSql(unit, mark);
      return db.tx(async (c) => {
        await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const reviews = await c.query<AnnualReviewRow>(sql.reviews, params);
        const related = await c.query<FigureRatingRow>(sql.related, params);
        const cases = await c.query(sql.cases, params);
        const events = await c.query(sql.events, params);
        return annualFactsFromRows(reviews, related, cases, events);
      });
    },
  };
}
