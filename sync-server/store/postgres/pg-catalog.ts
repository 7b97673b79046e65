import type { Reason } from '../../../src/domain/reasons';
import type { Catalog, CatalogStore, Seed } from '../store';
import {
  itemColumns, itemFromRow, itemPatchColumns, reasonColumns, reasonFromRow, reasonPatchColumns, seedCatalogRows, staffFromRow,
  staffPhotoFromRow, unitColumns, unitFromRow, unitPatchColumns, windowColumns, windowFromRow, windowPatchColumns, type Row,
} from '../catalog-rows';
import type { Columns } from '../sql-build';
import type { PgDb, PgQueryable } from './pg-db';
import { bumpCatalogVersion } from './pg-catalog-version';
import { pgInsertRow, pgPatchRowCounted } from './pg-patch';

/**
 * Writes a seed's rows and moves the catalogue version by as many; the caller holds the transaction (a plain
 * seed, or the one that also stores the mode).
 */
export async function insertSeedRows(c: PgQueryable, seed: Seed) {
  let rows = 0;
  for (const { table, columns } of seedCatalogRows(seed)) rows += await pgInsertRow(c, table, columns);
  await bumpCatalogVersion(c, rows);
  await insertReasonRows(c, seed.reasons);
}

/** Seeds reasons, moving the catalogue version by those written; a key already there (an administrator's) is left as it is. */
export async function insertReasonRows(c: PgQueryable, reasons: readonly Reason[]) {
  let rows = 0;
  for (const r of reasons) rows += await pgInsertRow(c, 'reasons', reasonColumns(r), 'ON CONFLICT (key) DO NOTHING');
  await bumpCatalogVersion(c, rows);
}

// COLLATE "C": text in byte order, as SQLite sorts it, whatever the database's locale.
const READ_CATALOG = {
  units: 'SELECT * FROM units ORDER BY id COLLATE "C"',
  windows: 'SELECT * FROM windows ORDER BY sort_order, id COLLATE "C"',
  staff: 'SELECT * FROM staff ORDER BY employee_no COLLATE "C"',
  reasons: 'SELECT * FROM reasons ORDER BY sort_order, key COLLATE "C"',
  serviceItems: 'SELECT * FROM service_items ORDER BY sort_order, code COLLATE "C"',
};

export function pgCatalog(db: PgDb): CatalogStore {
  // Each write and its version step in one transaction: a kiosk never sees the new version with the old rows.
  const insertCounted = (table: string, columns: Columns) => db.tx(async (c) => bumpCatalogVersion(c, await pgInsertRow(c, table, columns)));
  const patchCounted = (table: string, keyColumn: string, key: string, columns: Columns) =>
    db.tx(async (c) => {
      // A patch with no field set only looks the row up: nothing written, nothing to bump.
      const { found, written } = await pgPatchRowCounted(c, table, keyColumn, key, columns);
      await bumpCatalogVersion(c, written);
      return found;
    });
  return {
    async loadCatalog(): Promise<Catalog> {
      // One snapshot for the five reads, as SQLite's synchronous reads give: never a window without its unit.
      return db.tx(async (c) => {
        await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const all = (sql: string) => c.query<Row>(sql);
        return {
          units: (await all(READ_CATALOG.units)).map(unitFromRow),
          windows: (await all(READ_CATALOG.windows)).map(windowFromRow),
          staff: (await all(READ_CATALOG.staff)).map(staffFromRow),
          reasons: (await all(READ_CATALOG.reasons)).map(reasonFromRow),
          serviceItems: (await all(READ_CATALOG.serviceItems)).map(itemFromRow),
        };
      });
    },
    async isCatalogEmpty() {
      return (await db.query('SELECT 1 FROM units LIMIT 1')).length === 0;
    },
    async seed(seed) {
      await db.tx((c) => insertSeedRows(c, seed));
    },
    async insertUnit(u) {
      await insertCounted('units', unitColumns(u));
    },
    async updateUnit(id, p) {
      return patchCounted('units', 'id', id, unitPatchColumns(p));
    },
    async insertWindow(w) {
      await insertCounted('windows', windowColumns(w));
    },
    async updateWindow(id, p) {
      return patchCounted('windows', 'id', id, windowPatchColumns(p));
    },
    async insertServiceItem(i) {
      await insertCounted('service_items', itemColumns(i));
    },
    async updateServiceItem(id, p) {
      return patchCounted('service_items', 'id', id, itemPatchColumns(p));
    },
    async insertReason(r) {
      await insertCounted('reasons', reasonColumns(r));
    },
    async updateReason(key, p) {
      return patchCounted('reasons', 'key', key, reasonPatchColumns(p));
    },
    async setStaffPhoto(staffId, mime, bytes, at) {
      return db.tx(async (c) => {
        if ((await c.query('UPDATE staff SET photo_updated_at = $1 WHERE id = $2 RETURNING 1', [at, staffId])).length === 0) return false;
        // The photo is on the kiosk's roster.
        await bumpCatalogVersion(c, 1);
        await c.query(
          `INSERT INTO staff_photos (staff_id, mime, bytes, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (staff_id) DO UPDATE SET mime = excluded.mime, bytes = excluded.bytes, updated_at = excluded.updated_at`,
          [staffId, mime, bytes, at],
        );
        return true;
      });
    },
    async getStaffPhoto(staffId) {
      const [r] = await db.query<Row>('SELECT mime, bytes, updated_at FROM staff_photos WHERE staff_id = $1', [staffId]);
      return r ? staffPhotoFromRow(r) : null;
    },
  };
}
