import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import type { ErrorCode } from '../domain/error-codes';
import type { KioskDatabase } from './db';
import { getMeta, setMeta, type SyncStatus } from './meta';

/** The server's two refusals of this tablet itself: revoked by an administrator, or a credential it does not know. */
export const DEVICE_REFUSAL_CODES = ['DEVICE_REVOKED', 'DEVICE_UNKNOWN'] as const satisfies readonly ErrorCode[];
export type DeviceRefusalCode = (typeof DEVICE_REFUSAL_CODES)[number];

/** Kept under its own meta key ('deviceRefusal'): the kiosk's fact about itself, not the push engine's status. */
export interface DeviceRefusal {
  code: DeviceRefusalCode;
  message: string;
  at: number;
}

export const isDeviceRefusalCode = (code: string): code is DeviceRefusalCode => (DEVICE_REFUSAL_CODES as readonly string[]).includes(code);

/**
 * A refusal as versions before this one stored it: in the rating stream's `syncStatus` (written by the check-in,
 * or by the engine when a push was refused). Also how a push refusal reaches the kiosk today: the engine writes
 * only its own status, so the kiosk reads a device refusal from it and keeps it under its own key.
 */
function refusalInSyncStatus(sync: SyncStatus | undefined): DeviceRefusal | undefined {
  const error = sync?.lastError;
  if (error?.kind !== 'auth' || !isDeviceRefusalCode(error.code)) return undefined;
  return { code: error.code, message: error.message, at: sync!.lastAttemptAt };
}

/** The refusal this tablet is under, if any: its own key first, else one stored the old way in `syncStatus`. */
export async function readDeviceRefusal(db: KioskDatabase): Promise<DeviceRefusal | undefined> {
  return (await getMeta(db, 'deviceRefusal')) ?? refusalInSyncStatus(await getMeta(db, 'syncStatus'));
}

/** Remembered when the check-in (or a push) is refused; stays until the tablet is enrolled again. */
export async function recordDeviceRefusal(db: KioskDatabase, code: DeviceRefusalCode, message: string, at = Date.now()): Promise<void> {
  await setMeta(db, 'deviceRefusal', { code, message, at });
}

/**
 * When the tablet is enrolled again (or its enrolment forgotten to enrol again): a revoked credential stays
 * revoked and an unknown one stays unknown, so nothing short of a new enrolment lifts the refusal.
 */
export async function clearDeviceRefusal(db: KioskDatabase): Promise<void> {
  await db.meta.delete('deviceRefusal');
}

/**
 * A refusal found only in `syncStatus` is copied under the kiosk's own key, in one transaction: a tablet updated
 * while refused stays refused after the engine next writes its status (a network error there, say). Returns the
 * refusal now in force.
 */
export async function migrateDeviceRefusal(db: KioskDatabase): Promise<DeviceRefusal | undefined> {
  return db.transaction('rw', db.meta, async () => {
    const own = await getMeta(db, 'deviceRefusal');
    if (own) return own;
    const old = refusalInSyncStatus(await getMeta(db, 'syncStatus'));
    if (old) await setMeta(db, 'deviceRefusal', old);
    return old;
  });
}

/**
 * The refusal, live, for the kiosk, the status strip and /device. A live query may not write, so a refusal read
 * the old way is moved under the kiosk's key by an effect.
 */
export function useDeviceRefusal(db: KioskDatabase): DeviceRefusal | null | undefined {
  const read = useLiveQuery(async () => {
    const own = await getMeta(db, 'deviceRefusal');
    return { refusal: own ?? refusalInSyncStatus(await getMeta(db, 'syncStatus')) ?? null, own: !!own };
  }, [db]);
  const needsMove = !!read?.refusal && !read.own;
  useEffect(() => {
    if (needsMove) void migrateDeviceRefusal(db);
  }, [db, needsMove]);
  return read?.refusal;
}

/**
 * The rating stream's status as staff read it (/device, and the status strip once outbox-status reads it): a
 * refusal of the tablet itself is the last error, as it was when it was stored in `syncStatus`.
 */
export function syncStatusWithRefusal(sync: SyncStatus | undefined, refusal: DeviceRefusal | null | undefined): SyncStatus | undefined {
  if (!refusal) return sync;
  return { lastAttemptAt: Math.max(sync?.lastAttemptAt ?? 0, refusal.at), lastSuccessAt: sync?.lastSuccessAt, lastError: { kind: 'auth', code: refusal.code, message: refusal.message } };
}
