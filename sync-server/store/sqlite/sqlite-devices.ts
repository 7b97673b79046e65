import type Database from 'better-sqlite3';
import type { DeviceStore, EnrolOutcome } from '../store';
import type { Row } from '../catalog-rows';
import { deviceFromRow, reportValues } from '../device-rows';

export function sqliteDevices(db: Database.Database): DeviceStore {
  const byId = db.prepare('SELECT * FROM devices WHERE id = ?');
  return {
    async insertEnrolmentCode(c) {
      db.prepare('INSERT INTO enrolment_codes (code_hash, window_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
        c.codeHash, c.windowId, c.createdBy, c.createdAt, c.expiresAt,
      );
    },
    async enrolDevice({ codeHash, deviceId, credentialHash, at, report, presentedCredentialHash = null }) {
      return db
        .transaction((): EnrolOutcome => {
          const code = db.prepare('SELECT * FROM enrolment_codes WHERE code_hash = ?').get(codeHash) as Row | undefined;
          if (!code) return { ok: false, reason: 'unknown' };
          if (code.used_at !== null) return { ok: false, reason: 'used' };
          if (code.expires_at <= at) return { ok: false, reason: 'expired' };
          // Device ids are made by the tablets and shown on their status screens: a code alone must not take over an
          // enrolled tablet (revoking it and inheriting its windows). Only that tablet, with its credential, may move;
          // a revoked one may enrol again. Checked after the code, so no one learns which ids exist without one.
          const existing = byId.get(deviceId) as Row | undefined;
          if (existing && existing.revoked_at === null && existing.credential_hash !== presentedCredentialHash) return { ok: false, reason: 'in-use' };
          db.prepare('UPDATE enrolment_codes SET used_at = ?, used_by_device = ? WHERE code_hash = ?').run(at, deviceId, codeHash);
          // A known device (wiped, or re-enrolled after revocation) gets the new window and credential; the old
          // credential stops working at once.
          db.prepare(
            `INSERT INTO devices (id, window_id, credential_hash, enrolled_at, enrolled_by, last_seen_at, app_version, queue_depth,
               conflicts, dead_letters, storage_persisted, user_agent)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(id) DO UPDATE SET window_id = excluded.window_id, credential_hash = excluded.credential_hash,
               enrolled_at = excluded.enrolled_at, enrolled_by = excluded.enrolled_by, revoked_at = NULL, revoked_by = NULL,
               last_seen_at = excluded.last_seen_at, app_version = excluded.app_version, queue_depth = excluded.queue_depth,
               conflicts = excluded.conflicts, dead_letters = excluded.dead_letters, storage_persisted = excluded.storage_persisted,
               user_agent = excluded.user_agent`,
          ).run(deviceId, code.window_id, credentialHash, at, code.created_by, at, ...reportValues(report), report.userAgent);
          return { ok: true, device: deviceFromRow(byId.get(deviceId) as Row) };
        })
        .immediate();
    },
    async findDeviceByCredential(hash) {
      const r = db.prepare('SELECT * FROM devices WHERE credential_hash = ?').get(hash) as Row | undefined;
      return r ? deviceFromRow(r) : null;
    },
    async listDevices() {
      return (db.prepare('SELECT * FROM devices ORDER BY window_id, enrolled_at').all() as Row[]).map(deviceFromRow);
    },
    async revokeDevice(id, by, at) {
      return db.prepare('UPDATE devices SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, by, id).changes === 1;
    },
    async deviceWindowIds(id) {
      const current = db.prepare('SELECT window_id FROM devices WHERE id = ?').pluck().get(id) as string | undefined;
      const earlier = db.prepare('SELECT DISTINCT window_id FROM enrolment_codes WHERE used_by_device = ?').pluck().all(id) as string[];
      return [...new Set([...(current ? [current] : []), ...earlier])];
    },
    async recordDeviceReport(id, r, at) {
      db.prepare(
        `UPDATE devices SET last_seen_at = ?, app_version = ?, queue_depth = ?, conflicts = ?, dead_letters = ?, storage_persisted = ?,
           user_agent = COALESCE(?, user_agent) WHERE id = ?`,
      ).run(at, ...reportValues(r), r.userAgent, id);
    },
    async catalogVersion() {
      return db.prepare('SELECT version FROM catalog_version WHERE id = 1').pluck().get() as number;
    },
    async pinHashes(staffIds) {
      if (staffIds.length === 0) return new Map();
      const rows = db.prepare(`SELECT id, pin_hash FROM staff WHERE pin_hash IS NOT NULL AND id IN (${staffIds.map(() => '?').join(',')})`).all(...staffIds) as Row[];
      return new Map(rows.map((r) => [r.id, r.pin_hash]));
    },
  };
}
