import type { Reason } from '../../src/domain/reasons';
import type { CatalogStaff, CatalogUnit, CatalogWindow, Seed, ServiceItem } from './store';
import type { Columns } from './sql-build';

/*
 * The catalogue as columns and back, shared by every SQL store (the schemas have the same tables and column
 * names): flags are INTEGER 0/1, localized names JSON text.
 */

export type Row = Record<string, any>;

/** A flag column's value; undefined stays undefined (a patch leaves the column). */
export const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
export const jsonText = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

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
export const unitFromRow = (r: Row): CatalogUnit => {
  const unit: CatalogUnit = { id: r.id, name: JSON.parse(r.name_json), active: r.active === 1 };
  // Absent rather than null when unset: kiosks and older answers know units without it.
  if (r.division_code) unit.divisionCode = String(r.division_code);
  // Present only when on (migration 023): a unit that discloses nothing reads as it did before.
  if (Number(r.disclosure) === 1) unit.disclosure = true;
  if (Number(r.disclosure_names_staff) === 1) unit.disclosureNamesStaff = true;
  return unit;
};
export const windowFromRow = (r: Row): CatalogWindow => ({
  id: r.id,
  unitId: r.unit_id,
  number: r.number,
  name: JSON.parse(r.name_json),
  sortOrder: r.sort_order,
  active: r.active === 1,
});
export const reasonFromRow = (r: Row): Reason => ({ key: r.key, label: JSON.parse(r.label_json), sortOrder: r.sort_order, active: r.active === 1 });
export const itemFromRow = (r: Row): ServiceItem => ({
  id: r.id,
  code: r.code,
  unitId: r.unit_id,
  name: JSON.parse(r.name_json),
  sortOrder: r.sort_order,
  active: r.active === 1,
});

// division_code only when set: the seed also writes units into a database older than migration 022 (a test of
// migration 7 seeds a version-6 hall), where the column does not exist yet; an absent code is NULL either way.
export const unitColumns = (u: CatalogUnit): Columns => ({
  id: u.id, name_json: JSON.stringify(u.name), active: flag(u.active), ...(u.divisionCode !== undefined ? { division_code: u.divisionCode } : {}),
  // Likewise only when set (migration 023 adds them; absent is off).
  ...(u.disclosure !== undefined ? { disclosure: flag(u.disclosure) } : {}),
  ...(u.disclosureNamesStaff !== undefined ? { disclosure_names_staff: flag(u.disclosureNamesStaff) } : {}),
});
export const windowColumns = (w: CatalogWindow): Columns => ({
  id: w.id, unit_id: w.unitId, number: w.number, name_json: JSON.stringify(w.name), sort_order: w.sortOrder, active: flag(w.active),
});
export const itemColumns = (i: ServiceItem): Columns => ({
  id: i.id, code: i.code, unit_id: i.unitId, name_json: JSON.stringify(i.name), sort_order: i.sortOrder, active: flag(i.active),
});
export const reasonColumns = (r: Reason): Columns => ({ key: r.key, label_json: JSON.stringify(r.label), sort_order: r.sortOrder, active: flag(r.active) });
const seedStaffColumns = (s: Seed['staff'][number]): Columns => ({
  id: s.id, name: s.name, employee_no: s.employeeNo, unit_id: s.unitId, window_id: s.windowId, roles_json: JSON.stringify(s.roles),
  active: flag(s.active), password_hash: s.passwordHash, pin_hash: s.pinHash, must_change_password: 0,
});

export const unitPatchColumns = (p: Partial<Omit<CatalogUnit, 'id' | 'divisionCode'>> & { divisionCode?: string | null }): Columns => ({
  name_json: jsonText(p.name), active: flag(p.active), division_code: p.divisionCode,
  disclosure: flag(p.disclosure), disclosure_names_staff: flag(p.disclosureNamesStaff),
});
export const windowPatchColumns = (p: Partial<Omit<CatalogWindow, 'id'>>): Columns => ({
  unit_id: p.unitId, number: p.number, name_json: jsonText(p.name), sort_order: p.sortOrder, active: flag(p.active),
});
export const itemPatchColumns = (p: Partial<Omit<ServiceItem, 'id'>>): Columns => ({
  code: p.code, unit_id: p.unitId, name_json: jsonText(p.name), sort_order: p.sortOrder, active: flag(p.active),
});
export const reasonPatchColumns = (p: Partial<Omit<Reason, 'key'>>): Columns => ({ label_json: jsonText(p.label), sort_order: p.sortOrder, active: flag(p.active) });

/**
 * A seed's catalogue rows (reasons apart: they are also seeded alone, and keep an administrator's key), in the
 * order the foreign keys need: units, windows, staff, service items.
 */
export function seedCatalogRows(seed: Seed): { table: string; columns: Columns }[] {
  return [
    ...seed.units.map((u) => ({ table: 'units', columns: unitColumns(u) })),
    ...seed.windows.map((w) => ({ table: 'windows', columns: windowColumns(w) })),
    ...seed.staff.map((s) => ({ table: 'staff', columns: seedStaffColumns(s) })),
    ...seed.serviceItems.map((i) => ({ table: 'service_items', columns: itemColumns(i) })),
  ];
}


export const staffPhotoFromRow = (r: Row): { mime: string; bytes: Buffer; updatedAt: number } => ({ mime: r.mime, bytes: r.bytes, updatedAt: r.updated_at });
