import { figureCasesFromRows, figureCasesSql, figureRatingFromRow, figureRatingsSql, type FigureRatingRow, type FigureStore } from '../figure-rows';
import type { PgDb } from './pg-db';

const mark = (n: number) => `$${n}`;

/** The figures' read on PostgreSQL: the SQL of figure-rows.ts, in one REPEATABLE READ snapshot so the three reads agree. */
export function pgFigures(db: PgDb): FigureStore {
  return {
    async listFigureFacts(from, to, unitId) {
      const unit = unitId !== null;
      const params = unit ? [from, to, unitId] : [from, to];
      const sql = figureCasesSql(unit, mark);
      return db.tx(async (c) => {
        await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const ratings = await c.query<FigureRatingRow>(figureRatingsSql(unit, mark), params);
        const cases = await c.query(sql.cases, params);
        const events = await c.query(sql.events, params);
        return { ratings: ratings.map(figureRatingFromRow), cases: figureCasesFromRows(cases, events) };
      });
    },
  };
}
