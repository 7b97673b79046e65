import type { DeviceStore, EnrolOutcome } from '../store';
import type { Row } from '../catalog-rows';
import { deviceFromRow, reportValues } from '../device-rows';
import type { PgDb } from './pg-db';

export function pgDevices(db: PgDb): DeviceStore {
  return {
    async insertEnrolmentCode(c) {
      await db.query('INSERT INTO enrolment_codes (code_hash, window_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        c.codeHash, c.windowId, c.createdBy, c.createdAt, c.expiresAt,
      ]);
    },
    async enrolDevice({ codeHash, deviceId, credentialHash, at, report, presentedCredentialHash = null }) {
      return db.tx(async (c): Promise<EnrolOutcome> => {
        // The code's row lock: two tablets enrolling with one code take turns, and the second finds it used.
        const [code] = await c.query<Row>('SELECT * FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE', [codeHash]);
        if (!code) return { ok: false, reason: 'unknown' };
        if (code.used_at !== null) return { ok: false, reason: 'used' };
        if (code.expires_at <= at) return { ok: false, reason: 'expired' };
        // Device ids are made by the tablets and shown on their status screens: a code alone must not take over an
        // enrolled tablet (revoking it and inheriting its windows). Only that tablet, with its credential, may move;
        // a revoked one may enrol again. Checked after the code, so no one learns which ids exist without one.
        // The check is the upsert's WHERE, evaluated on the row locked by ON CONFLICT: two enrolments of one new id
        // with two codes cannot both take it (the second meets the first's row, not an empty table).
        // A known device (wiped, or re-enrolled after revocation) gets the new window and credential; the old
        // credential stops working at once.
        const [device] = await c.query<Row>(
          `INSERT INTO devices (id, window_id, credential_hash, enrolled_at, enrolled_by, last_seen_at, app_version, queue_depth,
             conflicts, dead_letters, storage_persisted, user_agent)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (id) DO UPDATE SET window_id = excluded.window_id, credential_hash = excluded.credential_hash,
             enrolled_at = excluded.enrolled_at, enrolled_by = excluded.enrolled_by, revoked_at = NULL, revoked_by = NULL,
             last_seen_at = excluded.last_seen_at, app_version = excluded.app_version, queue_depth = excluded.queue_depth,
             conflicts = excluded.conflicts, dead_letters = excluded.dead_letters, storage_persisted = excluded.storage_persisted,
             user_agent = excluded.user_agent
           WHERE devices.revoked_at IS NOT NULL OR devices.credential_hash = $13
           RETURNING *`,
          [deviceId, code.window_id, credentialHash, at, code.created_by, at, ...reportValues(report), report.userAgent, presentedCredentialHash],
        );
        if (!device) return { ok: false, reason: 'in-use' };
        await c.query('UPDATE enrolment_codes SET used_at = $1, used_by_device = $2 WHERE code_hash = $3', [at, deviceId, codeHash]);
        return { ok: true, device: deviceFromRow(device) };
      });
    },
    async findDeviceByCredential(hash) {
      const [r] = await db.query<Row>('SELECT * FROM devices WHERE credential_hash = $1', [hash]);
      return r ? deviceFromRow(r) : null;
    },
    async listDevices() {
      return (await db.query<Row>('SELECT * FROM devices ORDER BY window_id COLLATE "C", enrolled_at')).map(deviceFromRow);
    },
    async revokeDevice(id, by, at) {
      return (await db.query('UPDATE devices SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL RETURNING 1', [at, by, id])).length === 1;
    },
    async deviceWindowIds(id) {
      const current = await db.query<Row>('SELECT window_id FROM devices WHERE id = $1', [id]);
      const earlier = await db.query<Row>('SELECT DISTINCT window_id FROM enrolment_codes WHERE used_by_device = $1', [id]);
      return [...new Set([...current, ...earlier].map((r) => r.window_id as string))];
    },
    async recordDeviceReport(id, r, at) {
      await db.query(
        `UPDATE devices SET last_seen_at = $1, app_version = $2, queue_depth = $3, conflicts = $4, dead_letters = $5, storage_persisted = $6,
           user_agent = COALESCE($7, user_agent) WHERE id = $8`,
        [at, ...reportValues(r), r.userAgent, id],
      );
    },
    async catalogVersion() {
      const [r] = await db.query<Row>('SELECT version FROM catalog_version WHERE id = 1');
      return r.version as number;
    },
    async pinHashes(staffIds) {
      if (staffIds.length === 0) return new Map();
      const rows = await db.query<Row>('SELECT id, pin_hash FROM staff WHERE pin_hash IS NOT NULL AND id = ANY($1::text[])', [staffIds]);
      return new Map(rows.map((r) => [r.id, r.pin_hash]));
    },
  };
}
