import type Database from 'better-sqlite3';
import {
  monthCloseFromRow, monthCloseGetArgs, monthCloseHeadFromRow, monthCloseInsertArgs, monthCloseListArgs, monthCloseSql, type MonthCloseStore,
} from '../month-close-rows';

/** Month close on SQLite (migration 024): the SQL of month-close-rows.ts. */
export function sqliteMonthCloses(db: Database.Database): MonthCloseStore {
  const sql = monthCloseSql(() => '?');
  const list = db.prepare(sql.list);
  const get = db.prepare(sql.get);
  const insert = db.prepare(sql.insert);
  const first = db.prepare(sql.firstRating);
  return {
    async listMonthCloseVersions(unitId, from, to) {
      return (list.all(...monthCloseListArgs(unitId, from, to)) as Record<string, unknown>[]).map(monthCloseHeadFromRow);
    },
    async getMonthClose(month, unitId, version) {
      const row = get.get(...monthCloseGetArgs(month, unitId, version)) as Record<string, unknown> | undefined;
      return row ? monthCloseFromRow(row) : null;
    },
    async insertMonthClose(close) {
      return insert.run(...monthCloseInsertArgs(close)).changes === 1;
    },
    async firstRatingAt() {
      const row = first.get() as { first: number | null };
      return row.first ?? null;
    },
  };
}
