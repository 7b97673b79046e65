import { DISCLOSED_UNITS_SQL, disclosureFromRow, publicReviewFromRow, publicReviewRowsSql, type PublicReviewSqlRow, type PublicStore } from '../public-rows';
import type { PgDb } from './pg-db';

/** /public's reads on PostgreSQL (public-rows.ts); ids sorted in byte order like SQLite. */
export function pgPublic(db: PgDb): PublicStore {
  const reviews = publicReviewRowsSql('r.id = ANY($1::text[])').replace('ORDER BY r.rated_at, r.id', 'ORDER BY r.rated_at, r.id COLLATE "C"');
  return {
    async listDisclosedUnits() {
      return (await db.query<{ id: string; disclosure_names_staff: number }>(DISCLOSED_UNITS_SQL.replace('ORDER BY id', 'ORDER BY id COLLATE "C"'))).map(disclosureFromRow);
    },
    async listPublicReviewRows(ids) {
      if (ids.length === 0) return [];
      return (await db.query<PublicReviewSqlRow>(reviews, [ids])).map(publicReviewFromRow);
    },
  };
}
