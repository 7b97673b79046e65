import { bulletinDetailsFromRows, bulletinDetailsSql, type BulletinStore } from '../bulletin-rows';
import type { PgDb } from './pg-db';

const mark = (n: number) => `$${n}`;

/** The bulletin's read on PostgreSQL: the SQL of bulletin-rows.ts, in one REPEATABLE READ snapshot so both reads agree. */
export function pgBulletin(db: PgDb): BulletinStore {
  return {
    async listBulletinDetails(from, to, unitId) {
      const unit = unitId !== null;
      const params = unit ? [from, to, unitId] : [from, to];
      const sql = bulletinDetailsSql(unit, mark);
      return db.tx(async (c) => {
        await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const reasons = await c.query<{ id: string; reasons_json: string }>(sql.reasons, params);
        const items = await c.query<{ id: string; service_item_id: string | null }>(sql.items, params);
        return bulletinDetailsFromRows(reasons, items);
      });
    },
  };
}
