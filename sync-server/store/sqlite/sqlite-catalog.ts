import type Database from 'better-sqlite3';
import type { Reason } from '../../../src/domain/reasons';
import type { Catalog, CatalogStore, Seed } from '../store';
import {
  itemColumns, itemFromRow, itemPatchColumns, reasonColumns, reasonFromRow, reasonPatchColumns, seedCatalogRows, staffFromRow, staffPhotoFromRow,
  unitColumns, unitFromRow, unitPatchColumns, windowColumns, windowFromRow, windowPatchColumns, type Row,
} from '../catalog-rows';
import type { Columns } from '../sql-build';
import { insertRow, patchRowCounted } from './patch';
import { bumpCatalogVersion } from './sqlite-catalog-version';

/**
 * Writes a seed's rows and moves the catalogue version by as many; the caller holds the transaction (a plain
 * seed, or the one that also stores the mode).
 */
export function insertSeedRows(db: Database.Database, seed: Seed) {
  let rows = 0;
  for (const { table, columns } of seedCatalogRows(seed)) rows += insertRow(db, table, columns);
  bumpCatalogVersion(db, rows);
  insertReasonRows(db, seed.reasons);
}

/** Seeds reasons, moving the catalogue version by those written; a key already there (an administrator's) is left as it is. */
export function insertReasonRows(db: Database.Database, reasons: readonly Reason[]) {
  let rows = 0;
  for (const r of reasons) rows += insertRow(db, 'reasons', reasonColumns(r), 'ON CONFLICT(key) DO NOTHING');
  bumpCatalogVersion(db, rows);
}

export function sqliteCatalog(db: Database.Database): CatalogStore {
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  // Each write and its version step in one transaction: a kiosk never sees the new version with the old rows.
  const insertCounted = (table: string, columns: Columns) => db.transaction(() => bumpCatalogVersion(db, insertRow(db, table, columns))).immediate();
  const patchCounted = (table: string, keyColumn: string, key: string, columns: Columns) =>
    db.transaction(() => {
      // A patch with no field set only looks the row up: nothing written, nothing to bump.
      const { found, written } = patchRowCounted(db, table, keyColumn, key, columns);
      bumpCatalogVersion(db, written);
      return found;
    }).immediate();
  const store: CatalogStore = {
    async loadCatalog(): Promise<Catalog> {
      return {
        units: all('SELECT * FROM units ORDER BY id').map(unitFromRow),
        windows: all('SELECT * FROM windows ORDER BY sort_order, id').map(windowFromRow),
        staff: all('SELECT * FROM staff ORDER BY employee_no').map(staffFromRow),
        reasons: all('SELECT * FROM reasons ORDER BY sort_order, key').map(reasonFromRow),
        serviceItems: all('SELECT * FROM service_items ORDER BY sort_order, code').map(itemFromRow),
      };
    },
    async isCatalogEmpty() {
      return db.prepare('SELECT COUNT(*) FROM units').pluck().get() === 0;
    },
    async seed(seed: Seed) {
      db.transaction(() => insertSeedRows(db, seed)).immediate();
    },
    async insertUnit(u) {
      insertCounted('units', unitColumns(u));
    },
    async updateUnit(id, p) {
      return patchCounted('units', 'id', id, unitPatchColumns(p));
    },
    async insertWindow(w) {
      insertCounted('windows', windowColumns(w));
    },
    async updateWindow(id, p) {
      return patchCounted('windows', 'id', id, windowPatchColumns(p));
    },
    async insertServiceItem(i) {
      insertCounted('service_items', itemColumns(i));
    },
    async updateServiceItem(id, p) {
      return patchCounted('service_items', 'id', id, itemPatchColumns(p));
    },
    async insertReason(r) {
      insertCounted('reasons', reasonColumns(r));
    },
    async updateReason(key, p) {
      return patchCounted('reasons', 'key', key, reasonPatchColumns(p));
    },
    async setStaffPhoto(staffId, mime, bytes, at) {
      return db
        .transaction(() => {
          if (db.prepare('UPDATE staff SET photo_updated_at = ? WHERE id = ?').run(at, staffId).changes === 0) return false;
          // The photo is on the kiosk's roster.
          bumpCatalogVersion(db, 1);
          db.prepare(
            `INSERT INTO staff_photos (staff_id, mime, bytes, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(staff_id) DO UPDATE SET mime = excluded.mime, bytes = excluded.bytes, updated_at = excluded.updated_at`,
          ).run(staffId, mime, bytes, at);
          return true;
        })
        .immediate();
    },
    async getStaffPhoto(staffId) {
      const r = db.prepare('SELECT mime, bytes, updated_at FROM staff_photos WHERE staff_id = ?').get(staffId) as Row | undefined;
      return r ? staffPhotoFromRow(r) : null;
    },
  };
  return store;
}
