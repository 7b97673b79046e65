import type Database from 'better-sqlite3';
import { annualFactsFromRows, annualSql, type AnnualReviewRow, type AnnualStore } from '../annual-rows';
import type { FigureRatingRow } from '../figure-rows';

/** The annual report's read on SQLite: the SQL of annual-rows.ts in one read transaction, so the four reads agree. */
export function sqliteAnnual(db: Database.Database): AnnualStore {
  const named = (n: number) => `@p${n}`;
  const stmts = (unit: boolean) => {
    const sql = annualSql(unit, named);
    return { reviews: db.prepare(sql.reviews), related: db.prepare(sql.related), cases: db.prepare(sql.cases), events: db.prepare(sql.events) };
  };
  const all = stmts(false);
  const ofUnit = stmts(true);
  const read = db.transaction((from: number, to: number, unitId: string | null) => {
    const s = unitId === null ? all : ofUnit;
    const args = unitId === null ? { p1: from, p2: to } : { p1: from, p2: to, p3: unitId };
    return annualFactsFromRows(
      s.reviews.all(args) as AnnualReviewRow[],
      s.related.all(args) as FigureRatingRow[],
      s.cases.all(args) as Record<string, unknown>[],
      s.events.all(args) as Record<string, unknown>[],
    );
  });
  return {
    async listAnnualFacts(from, to, unitId) {
      return read(from, to, unitId);
    },
  };
}
