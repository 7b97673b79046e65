import type { SessionRow, StaffAccount, StoredRoleGrant } from './store';
import { flag, jsonText, staffFromRow, type Row } from './catalog-rows';
import type { Columns } from './sql-build';

/* Accounts, sessions and role grants as columns and back, shared by every SQL store. */

export const accountFromRow = (r: Row): StaffAccount => ({
  ...staffFromRow(r),
  passwordHash: r.password_hash,
  pinHash: r.pin_hash,
  mustChangePassword: r.must_change_password === 1,
  failedSignIns: r.failed_sign_ins,
  lockedUntil: r.locked_until,
});

/** A new account: no PIN, no failures, no photo yet (those come by their own writes). */
export const newAccountColumns = (a: StaffAccount): Columns => ({
  id: a.id, name: a.name, employee_no: a.employeeNo, unit_id: a.unitId, window_id: a.windowId, roles_json: JSON.stringify(a.roles),
  active: flag(a.active), password_hash: a.passwordHash, must_change_password: flag(a.mustChangePassword),
});

export const accountPatchColumns = (p: Partial<Omit<StaffAccount, 'id' | 'employeeNo' | 'photoUpdatedAt'>>): Columns => ({
  name: p.name,
  unit_id: p.unitId,
  window_id: p.windowId,
  roles_json: jsonText(p.roles),
  active: flag(p.active),
  password_hash: p.passwordHash,
  must_change_password: flag(p.mustChangePassword),
  pin_hash: p.pinHash,
  failed_sign_ins: p.failedSignIns,
  locked_until: p.lockedUntil,
});

export const sessionFromRow = (r: Row): SessionRow => ({ staffId: r.staff_id, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at });

export const grantFromRow = (r: Row): StoredRoleGrant => ({
  id: r.id,
  staffId: r.staff_id,
  roles: JSON.parse(r.roles_json),
  oldRoles: JSON.parse(r.old_roles_json),
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  state: r.state,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

export const grantColumns = (g: Pick<StoredRoleGrant, 'id' | 'staffId' | 'roles' | 'oldRoles' | 'requestedBy' | 'requestedAt'>): Columns => ({
  id: g.id, staff_id: g.staffId, roles_json: JSON.stringify(g.roles), old_roles_json: JSON.stringify(g.oldRoles),
  requested_by: g.requestedBy, requested_at: g.requestedAt,
});
