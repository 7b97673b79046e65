import type { DeviceReport, DeviceRow } from './store';
import type { Row } from './catalog-rows';

/* Devices as columns and back, shared by every SQL store. */

export const deviceFromRow = (r: Row): DeviceRow => ({
  id: r.id,
  windowId: r.window_id,
  enrolledAt: r.enrolled_at,
  enrolledBy: r.enrolled_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  lastSeenAt: r.last_seen_at,
  appVersion: r.app_version,
  queueDepth: r.queue_depth,
  conflicts: r.conflicts,
  deadLetters: r.dead_letters,
  storagePersisted: r.storage_persisted === null ? null : r.storage_persisted === 1,
  userAgent: r.user_agent,
});

/** A device's report as the values of its columns, in this order: app_version … storage_persisted. */
export const reportValues = (r: DeviceReport) => [r.appVersion, r.queueDepth, r.conflicts, r.deadLetters, r.storagePersisted === null ? null : r.storagePersisted ? 1 : 0];
