import type Database from 'better-sqlite3';
import { bulletinDetailsFromRows, bulletinDetailsSql, type BulletinStore } from '../bulletin-rows';

/** The bulletin's read on SQLite: the SQL of bulletin-rows.ts, in one read transaction so both reads agree. */
export function sqliteBulletin(db: Database.Database): BulletinStore {
  const named = (n: number) => `@p${n}`;
  const stmts = (unit: boolean) => {
    const sql = bulletinDetailsSql(unit, named);
    return { reasons: db.prepare(sql.reasons), items: db.prepare(sql.items) };
  };
  const all = stmts(false);
  const ofUnit = stmts(true);
  const read = db.transaction((from: number, to: number, unitId: string | null) => {
    const s = unitId === null ? all : ofUnit;
    const args = unitId === null ? { p1: from, p2: to } : { p1: from, p2: to, p3: unitId };
    return bulletinDetailsFromRows(s.reasons.all(args) as { id: string; reasons_json: string }[], s.items.all(args) as { id: string; service_item_id: string | null }[]);
  });
  return {
    async listBulletinDetails(from, to, unitId) {
      return read(from, to, unitId);
    },
  };
}
