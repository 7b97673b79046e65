import type Database from 'better-sqlite3';
import { figureCasesFromRows, figureCasesSql, figureRatingFromRow, figureRatingsSql, type FigureRatingRow, type FigureStore } from '../figure-rows';

/** The figures' read on SQLite: the SQL of figure-rows.ts, in one read transaction so the three reads agree. */
export function sqliteFigures(db: Database.Database): FigureStore {
  const named = (n: number) => `@p${n}`;
  const stmts = (unit: boolean) => {
    const cases = figureCasesSql(unit, named);
    return { ratings: db.prepare(figureRatingsSql(unit, named)), cases: db.prepare(cases.cases), events: db.prepare(cases.events) };
  };
  const all = stmts(false);
  const ofUnit = stmts(true);
  const read = db.transaction((from: number, to: number, unitId: string | null) => {
    const s = unitId === null ? all : ofUnit;
    const args = unitId === null ? { p1: from, p2: to } : { p1: from, p2: to, p3: unitId };
    return {
      ratings: (s.ratings.all(args) as FigureRatingRow[]).map(figureRatingFromRow),
      cases: figureCasesFromRows(s.cases.all(args) as Record<string, unknown>[], s.events.all(args) as Record<string, unknown>[]),
    };
  });
  return {
    async listFigureFacts(from, to, unitId) {
      return read(from, to, unitId);
    },
  };
}
