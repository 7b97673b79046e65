import type Database from 'better-sqlite3';
import { DISCLOSED_UNITS_SQL, disclosureFromRow, publicReviewFromRow, publicReviewRowsSql, type PublicReviewSqlRow, type PublicStore } from '../public-rows';

/** /public's reads on SQLite (public-rows.ts). */
export function sqlitePublic(db: Database.Database): PublicStore {
  const units = db.prepare(DISCLOSED_UNITS_SQL);
  const reviews = db.prepare(publicReviewRowsSql('r.id IN (SELECT value FROM json_each(?))'));
  return {
    async listDisclosedUnits() {
      return (units.all() as { id: string; disclosure_names_staff: number }[]).map(disclosureFromRow);
    },
    async listPublicReviewRows(ids) {
      if (ids.length === 0) return [];
      return (reviews.all(JSON.stringify(ids)) as PublicReviewSqlRow[]).map(publicReviewFromRow);
    },
  };
}
