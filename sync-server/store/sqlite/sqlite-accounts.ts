import type Database from 'better-sqlite3';
import type { AccountStore, SessionRow } from '../store';
import { accountChangeShownToKiosks } from '../rules/catalog-version';
import { accountFromRow, accountPatchColumns, newAccountColumns, sessionFromRow } from '../account-rows';
import type { Row } from '../catalog-rows';
import { insertRow, patchRowCounted } from './patch';
import { bumpCatalogVersion } from './sqlite-catalog-version';

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
        bumpCatalogVersion(db, insertRow(db, 'staff', newAccountColumns(a)));
      }).immediate();
    },
    async updateAccount(id, p) {
      return db.transaction(() => {
        const { found, written } = patchRowCounted(db, 'staff', 'id', id, accountPatchColumns(p));
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
      return r ? sessionFromRow(r) : null;
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
