import type Database from 'better-sqlite3';
import { DISCLOSED_UNITS_SQL, disclosureFromRow, publicReviewFromRow, publicReviewRowsSql, type PublicReviewSqlRow, type PublicStore } from '../public-rows';

/** /public's reads on SQLite (public-rows.ts). */
export function sqlitePublic(db: Database.Database): PublicStore {
  const units = db.prepare(DISCLOSED_UNITS_SQL);
  const reviews = db.prepare(publicReviewRowsSql(() => '?'));
  return {
    async listDisclosedUnits() {
      return (units.all() as { id: string; disclosure_names_staff: number }[]).map(disclosureFromRow);
    },
    async listPublicReviewRows(unitId, from, to) {
      return (reviews.all(unitId, from, to) as PublicReviewSqlRow[]).map(publicReviewFromRow);
    },
  };
}
