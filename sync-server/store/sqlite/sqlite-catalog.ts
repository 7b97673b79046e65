import type Database from 'better-sqlite3';
import type { Reason } from '../../../src/domain/reasons';
import type { Catalog, CatalogStore, CatalogStaff, CatalogUnit, CatalogWindow, Seed, ServiceItem } from '../store';
import { patchRowCounted } from './patch';
import { bumpCatalogVersion } from './sqlite-catalog-version';

type Row = Record<string, any>;

export const staffFromRow = (r: Row): CatalogStaff => ({
  id: r.id,
  name: r.name,
  employeeNo: r.employee_no,
  unitId: r.unit_id,
  windowId: r.window_id,
  roles: JSON.parse(r.roles_json),
  active: r.active === 1,
  photoUpdatedAt: r.photo_updated_at,
});
const unitFromRow = (r: Row): CatalogUnit => ({ id: r.id, name: JSON.parse(r.name_json), active: r.active === 1 });
const windowFromRow = (r: Row): CatalogWindow => ({
  id: r.id,
  unitId: r.unit_id,
  number: r.number,
  name: JSON.parse(r.name_json),
  sortOrder: r.sort_order,
  active: r.active === 1,
});
const reasonFromRow = (r: Row): Reason => ({ key: r.key, label: JSON.parse(r.label_json), sortOrder: r.sort_order, active: r.active === 1 });
const itemFromRow = (r: Row): ServiceItem => ({
  id: r.id,
  code: r.code,
  unitId: r.unit_id,
  name: JSON.parse(r.name_json),
  sortOrder: r.sort_order,
  active: r.active === 1,
});

const bool = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

/**
 * Writes a seed's rows and moves the catalogue version by as many; the caller holds the transaction (a plain
 * seed, or the one that also stores the mode).
 */
export function insertSeedRows(db: Database.Database, seed: Seed) {
  const insertStaff = db.prepare(
    `INSERT INTO staff (id, name, employee_no, unit_id, window_id, roles_json, active, password_hash, pin_hash, must_change_password)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertItem = db.prepare('INSERT INTO service_items (id, code, unit_id, name_json, sort_order, active) VALUES (?, ?, ?, ?, ?, ?)');
  const insertUnit = db.prepare('INSERT INTO units (id, name_json, active) VALUES (?, ?, ?)');
  const insertWindow = db.prepare('INSERT INTO windows (id, unit_id, number, name_json, sort_order, active) VALUES (?, ?, ?, ?, ?, ?)');
  let rows = 0;
  for (const u of seed.units) rows += insertUnit.run(u.id, JSON.stringify(u.name), bool(u.active)).changes;
  for (const w of seed.windows) rows += insertWindow.run(w.id, w.unitId, w.number, JSON.stringify(w.name), w.sortOrder, bool(w.active)).changes;
  for (const s of seed.staff) {
    rows += insertStaff.run(s.id, s.name, s.employeeNo, s.unitId, s.windowId, JSON.stringify(s.roles), bool(s.active), s.passwordHash, s.pinHash).changes;
  }
  for (const i of seed.serviceItems) rows += insertItem.run(i.id, i.code, i.unitId, JSON.stringify(i.name), i.sortOrder, bool(i.active)).changes;
  bumpCatalogVersion(db, rows);
  insertReasonRows(db, seed.reasons);
}

/** Seeds reasons, moving the catalogue version by those written; a key already there (an administrator's) is left as it is. */
export function insertReasonRows(db: Database.Database, reasons: readonly Reason[]) {
  const insert = db.prepare('INSERT INTO reasons (key, label_json, sort_order, active) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING');
  let rows = 0;
  for (const r of reasons) rows += insert.run(r.key, JSON.stringify(r.label), r.sortOrder, bool(r.active)).changes;
  bumpCatalogVersion(db, rows);
}

export function sqliteCatalog(db: Database.Database): CatalogStore {
  const insertUnit = db.prepare('INSERT INTO units (id, name_json, active) VALUES (?, ?, ?)');
  const insertWindow = db.prepare('INSERT INTO windows (id, unit_id, number, name_json, sort_order, active) VALUES (?, ?, ?, ?, ?, ?)');
  const insertItem = db.prepare('INSERT INTO service_items (id, code, unit_id, name_json, sort_order, active) VALUES (?, ?, ?, ?, ?, ?)');
  const insertReason = db.prepare('INSERT INTO reasons (key, label_json, sort_order, active) VALUES (?, ?, ?, ?)');
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  // Each write and its version step in one transaction: a kiosk never sees the new version with the old rows.
  const insertCounted = (write: () => Database.RunResult) => db.transaction(() => bumpCatalogVersion(db, write().changes)).immediate();
  const patchCounted = (table: string, keyColumn: string, key: string, columns: Record<string, unknown>) =>
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
      insertCounted(() => insertUnit.run(u.id, JSON.stringify(u.name), bool(u.active)));
    },
    async updateUnit(id, p) {
      return patchCounted('units', 'id', id, { name_json: json(p.name), active: bool(p.active) });
    },
    async insertWindow(w) {
      insertCounted(() => insertWindow.run(w.id, w.unitId, w.number, JSON.stringify(w.name), w.sortOrder, bool(w.active)));
    },
    async updateWindow(id, p) {
      return patchCounted(
        'windows', 'id', id, { unit_id: p.unitId, number: p.number, name_json: json(p.name), sort_order: p.sortOrder, active: bool(p.active) },
      );
    },
    async insertServiceItem(i) {
      insertCounted(() => insertItem.run(i.id, i.code, i.unitId, JSON.stringify(i.name), i.sortOrder, bool(i.active)));
    },
    async updateServiceItem(id, p) {
      return patchCounted(
        'service_items', 'id', id, { code: p.code, unit_id: p.unitId, name_json: json(p.name), sort_order: p.sortOrder, active: bool(p.active) },
      );
    },
    async insertReason(r) {
      insertCounted(() => insertReason.run(r.key, JSON.stringify(r.label), r.sortOrder, bool(r.active)));
    },
    async updateReason(key, p) {
      return patchCounted('reasons', 'key', key, { label_json: json(p.label), sort_order: p.sortOrder, active: bool(p.active) });
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
      return r ? { mime: r.mime, bytes: r.bytes, updatedAt: r.updated_at } : null;
    },
  };
  return store;
}
