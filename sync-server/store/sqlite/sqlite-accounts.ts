import type Database from 'better-sqlite3';
import type { AccountStore, SessionRow, StaffAccount } from '../store';
import { accountChangeShownToKiosks } from '../rules/catalog-version';
import { patchRowCounted } from './patch';
import { bumpCatalogVersion } from './sqlite-catalog-version';
import { staffFromRow } from './sqlite-catalog';

type Row = Record<string, any>;

const accountFromRow = (r: Row): StaffAccount => ({
  ...staffFromRow(r),
  passwordHash: r.password_hash,
  pinHash: r.pin_hash,
  mustChangePassword: r.must_change_password === 1,
  failedSignIns: r.failed_sign_ins,
  lockedUntil: r.locked_until,
});

export function sqliteAccounts(db: Database.Database): AccountStore {
  const byId = db.prepare('SELECT * FROM staff WHERE id = ?');
  const byNo = db.prepare('SELECT * FROM staff WHERE employee_no = ?');
  return {
    async getAccount(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? accountFromRow(r) : null;
    },
    async findAccountByEmployeeNo(no) {
      const r = byNo.get(no) as Row | undefined;
      return r ? accountFromRow(r) : null;
    },
    async insertAccount(a) {
      // A new account is on the kiosks' roster: its version step in the same transaction.
      db.transaction(() => {
        const { changes } = db.prepare(
          `INSERT INTO staff (id, name, employee_no, unit_id, window_id, roles_json, active, password_hash, must_change_password)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(a.id, a.name, a.employeeNo, a.unitId, a.windowId, JSON.stringify(a.roles), a.active ? 1 : 0, a.passwordHash, a.mustChangePassword ? 1 : 0);
        bumpCatalogVersion(db, changes);
      }).immediate();
    },
    async updateAccount(id, p) {
      return db.transaction(() => {
        const { found, written } = patchRowCounted(db, 'staff', 'id', id, {
          name: p.name,
          unit_id: p.unitId,
          window_id: p.windowId,
          roles_json: p.roles === undefined ? undefined : JSON.stringify(p.roles),
          active: p.active === undefined ? undefined : p.active ? 1 : 0,
          password_hash: p.passwordHash,
          must_change_password: p.mustChangePassword === undefined ? undefined : p.mustChangePassword ? 1 : 0,
          pin_hash: p.pinHash,
          failed_sign_ins: p.failedSignIns,
          locked_until: p.lockedUntil,
        });
        // Only a change the kiosk shows or checks moves the version (a failed sign-in must not make kiosks refetch).
        if (accountChangeShownToKiosks(p)) bumpCatalogVersion(db, written);
        return found;
      }).immediate();
    },
    async insertSession(tokenHash, staffId, createdAt, expiresAt, userAgent) {
      db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)').run(
        tokenHash, staffId, createdAt, expiresAt, createdAt, userAgent,
      );
    },
    async findSession(tokenHash): Promise<SessionRow | null> {
      const r = db.prepare('SELECT staff_id, expires_at, last_seen_at FROM sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined;
      return r ? { staffId: r.staff_id, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at } : null;
    },
    async touchSession(tokenHash, lastSeenAt, expiresAt) {
      db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(lastSeenAt, expiresAt, tokenHash);
    },
    async deleteSession(tokenHash) {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    async deleteSessionsOf(staffId, except) {
      db.prepare('DELETE FROM sessions WHERE staff_id = ? AND token_hash IS NOT ?').run(staffId, except ?? null);
    },
  };
}
