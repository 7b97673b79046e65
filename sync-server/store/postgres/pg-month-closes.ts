import {
  monthCloseFromRow, monthCloseGetArgs, monthCloseHeadFromRow, monthCloseInsertArgs, monthCloseListArgs, monthCloseSql, type MonthCloseStore,
} from '../month-close-rows';
import type { PgDb } from './pg-db';

/** Month close on PostgreSQL (migration 012): the SQL of month-close-rows.ts; the key decides a race for a version. */
export function pgMonthCloses(db: PgDb): MonthCloseStore {
  const sql = monthCloseSql((n) => `$${n}`);
  return {
    async listMonthCloseVersions(unitId, from, to) {
      return (await db.query(sql.list, monthCloseListArgs(unitId, from, to))).map(monthCloseHeadFromRow);
    },
    async getMonthClose(month, unitId, version) {
      const [row] = await db.query(sql.get, monthCloseGetArgs(month, unitId, version));
      return row ? monthCloseFromRow(row) : null;
    },
    async insertMonthClose(close) {
      return (await db.query(`${sql.insert} RETURNING version`, monthCloseInsertArgs(close))).length === 1;
    },
    async firstRatingAt() {
      const [row] = await db.query<{ first: number | null }>(sql.firstRating);
      return row?.first === null || row?.first === undefined ? null : Number(row.first);
    },
  };
}
