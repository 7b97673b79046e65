import { callApi, isLikeNoNetwork, statusOf, type CallInput } from '../api/client';
import type { CheckinResponse, DeviceReportInput } from '../domain/device-api';
import { API, type RequestOf, type ResponseOf } from '../domain/endpoints';
import type { KioskDatabase } from './db';
import { ensureDeviceId } from './device-id';
import { getMeta, setMeta } from './meta';
import { allStreams } from './stream-tables';
import { readOutboxStatus } from './outbox-status';

/** A refusal of a device request, with the server's code (or NETWORK when it was not reached). */
export class DeviceRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One device call through the client; any failure is a DeviceRequestError (NETWORK when not reached). */
async function call<E extends typeof API.enrol | typeof API.checkin>(entry: E, body: RequestOf<E, Blob>, credential?: string): Promise<ResponseOf<E, Blob>> {
  const result = await callApi(entry, { body } as CallInput<E>, { credential, timeoutMs: 15_000 });
  if (result.kind === 'ok') return result.body;
  // Not reached, or an answer that is not the server's (a captive portal): as good as no network.
  if (isLikeNoNetwork(result)) throw new DeviceRequestError(0, 'NETWORK', result.error.message);
  throw new DeviceRequestError(statusOf(result), result.error.code, result.error.message);
}

/** What the device list shows of this tablet: its queue, what is held back, and whether storage is persistent. */
export async function deviceReport(db: KioskDatabase): Promise<DeviceReportInput> {
  const status = await readOutboxStatus(db);
  const persisted = typeof navigator !== 'undefined' && navigator.storage?.persisted ? await navigator.storage.persisted() : null;
  return { appVersion: __APP_VERSION__, queueDepth: status.pending, conflicts: status.conflicts, deadLetters: status.dead, storagePersisted: persisted };
}

/** The status and backoff keys of every stream that pushes with the device's credential (src/data/streams.ts). */
const deviceStreamKeys = () => allStreams().flatMap((s) => (s.auth === 'device' ? [s.statusKey, s.backoffKey] : []));

/** Enrols this tablet with a one-time code; keeps the credential and the window's configuration on the device. */
export async function enrolThisDevice(db: KioskDatabase, code: string): Promise<void> {
  const deviceId = await ensureDeviceId(db);
  const answer = await call(API.enrol, { code, deviceId, report: await deviceReport(db) });
  await db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'device', { id: answer.device.id, windowId: answer.device.windowId, credential: answer.credential, enrolledAt: Date.now() });
    await setMeta(db, 'kioskConfig', answer.config);
    // A new enrolment forgets whoever was on duty, the PIN failures, any earlier refusal and the failures of the
    // streams that go with the device's credential.
    await db.meta.bulkDelete(['onDuty', 'pinFailuresByStaff', 'deviceRefusal', ...deviceStreamKeys()]);
  });
}

/**
 * Reports this tablet's state and brings its configuration up to date: the server answers with a configuration
 * only when the catalogue changed since the copy held here.
 */
export async function checkIn(db: KioskDatabase): Promise<CheckinResponse> {
  const device = await getMeta(db, 'device');
  if (!device) throw new DeviceRequestError(0, 'NOT_ENROLLED', 'this tablet is not enrolled');
  const held = await getMeta(db, 'kioskConfig');
  const answer = await call(
    API.checkin,
    // A copy cached before the configuration carried the contact retention (and the export key with it) is asked
    // for again once, whatever its version: an upgraded tablet must not wait for a catalogue change to get them.
    { report: await deviceReport(db), configVersion: held?.settings.contactRetentionDays === undefined ? undefined : held.version },
    device.credential,
  );
  if (answer.config) await setMeta(db, 'kioskConfig', answer.config);
  return answer;
}

/** Forget the enrolment (the server no longer knows this credential); the waiting ratings stay. */
export async function forgetEnrolment(db: KioskDatabase): Promise<void> {
  await db.meta.bulkDelete(['device', 'kioskConfig', 'onDuty', ...deviceStreamKeys()]);
}
