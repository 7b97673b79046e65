import type { AccountStore, SessionRow } from '../store';
import { accountChangeShownToKiosks } from '../rules/catalog-version';
import { accountFromRow, accountPatchColumns, newAccountColumns, sessionFromRow } from '../account-rows';
import type { Row } from '../catalog-rows';
import type { PgDb } from './pg-db';
import { bumpCatalogVersion } from './pg-catalog-version';
import { pgInsertRow, pgPatchRowCounted } from './pg-patch';

export function pgAccounts(db: PgDb): AccountStore {
  const one = async (sql: string, value: string) => {
    const [r] = await db.query<Row>(sql, [value]);
    return r ? accountFromRow(r) : null;
  };
  return {
    async getAccount(id) {
      return one('SELECT * FROM staff WHERE id = $1', id);
    },
    async findAccountByEmployeeNo(no) {
      return one('SELECT * FROM staff WHERE employee_no = $1', no);
    },
    async insertAccount(a) {
      // A new account is on the kiosks' roster: its version step in the same transaction.
      await db.tx(async (c) => bumpCatalogVersion(c, await pgInsertRow(c, 'staff', newAccountColumns(a))));
    },
    async updateAccount(id, p) {
      return db.tx(async (c) => {
        const { found, written } = await pgPatchRowCounted(c, 'staff', 'id', id, accountPatchColumns(p));
        // Only a change the kiosk shows or checks moves the version (a failed sign-in must not make kiosks refetch).
        if (accountChangeShownToKiosks(p)) await bumpCatalogVersion(c, written);
        return found;
      });
    },
    async insertSession(tokenHash, staffId, createdAt, expiresAt, userAgent) {
      await db.query(
        'INSERT INTO sessions (token_hash, staff_id, created_at, expires_at, last_seen_at, user_agent) VALUES ($1, $2, $3, $4, $5, $6)',
        [tokenHash, staffId, createdAt, expiresAt, createdAt, userAgent],
      );
    },
    async findSession(tokenHash): Promise<SessionRow | null> {
      const [r] = await db.query<Row>('SELECT staff_id, expires_at, last_seen_at FROM sessions WHERE token_hash = $1', [tokenHash]);
      return r ? sessionFromRow(r) : null;
    },
    async touchSession(tokenHash, lastSeenAt, expiresAt) {
      await db.query('UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3', [lastSeenAt, expiresAt, tokenHash]);
    },
    async deleteSession(tokenHash) {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async deleteSessionsOf(staffId, except) {
      await db.query('DELETE FROM sessions WHERE staff_id = $1 AND token_hash IS DISTINCT FROM $2', [staffId, except ?? null]);
    },
  };
}
