import type { RatingRecord } from '../domain/rating';
import { PUSH_ABANDONED_TAPS_PATH, PUSH_CASE_ACTIONS_PATH, PUSH_PAPER_PATH, PUSH_RATINGS_PATH, PUSH_TABLET_SERVICE_CASES_PATH } from '../domain/sync-constants';
import type { PushResponse } from '../domain/sync-api';
import type { KioskDatabase } from './db';

/** The tables whose rows are a stream's payloads: `{ id, record, createdAt }`, keyed by the outbox entry's id. */
export type PayloadTable = 'ratings' | 'caseActions' | 'abandonedTaps' | 'serviceCases';

/**
 * One sync stream, declared once: everything the engine, the runtime, the status strip, /device, the unsent-items
 * export and the sign-out check need to know about it. Adding a stream is one entry here plus its payload schema
 * (and its payload table, when it needs a new one).
 */
export interface StreamSpec {
  /** Where its payloads wait until the server acknowledges them. */
  table: PayloadTable;
  /** The server's batch route (a PushRequest envelope, per-item answers). */
  path: string;
  /**
   * 'device': the enrolled tablet's credential, whoever is at it. 'session': the signed-in person's session, and only
   * for items they wrote (the server refuses anyone else's); the stream runs only while someone is signed in.
   */
  auth: 'device' | 'session';
  /** Session streams: who wrote an item. On a tablet shared across shifts, another person's items wait for them. */
  authorOf?: (record: unknown) => string | undefined;
  /** Meta keys of its own sync status and backoff: a stream's failures never hold back another stream. */
  statusKey: string;
  backoffKey: string;
  /** i18n key (kiosk namespace) of its name on /device. */
  labelKey: string;
  /**
   * What the unsent-items file does with its waiting items: 'rating' splits contact and free text off for
   * encryption; 'record' writes the record as it is; 'skip' leaves them out (nothing there worth rescuing).
   */
  exported: 'rating' | 'record' | 'skip';
  /**
   * 'always': the runtime runs it on every trigger, so with nothing to send its health check keeps the status strip
   * current (the kiosk). 'whenWaiting': only when items wait (for a session stream: the signed-in person's own).
   */
  runs: 'always' | 'whenWaiting';
  /** Work that goes with the stream under the same session: the paper stream's photos, sent after their forms. */
  companion?: {
    /** This person's waiting items: a reason to run the stream even when no record waits. */
    ownWaiting(db: KioskDatabase, userId: string): Promise<number>;
    /** Those the sign-out warning must add (the ones not already counted with a waiting record). */
    ownWaitingBeyondRecords(db: KioskDatabase, userId: string): Promise<number>;
    run(db: KioskDatabase): Promise<unknown>;
  };
  /** Reads what the server's answer brings beyond the per-item results (before the items leave the outbox). */
  onAnswer?(db: KioskDatabase, answer: PushResponse): Promise<void>;
}

// The photo upload and the case list's update carry the HTTP client and schemas: loaded when a stream first
// needs them, not in the kiosk's first paint, which reads this registry for its status line.
const photoUpload = () => import('./photo-upload');

/** Every stream of the outbox. The order is the order /device lists them in. */
export const STREAMS = {
  /** Kiosk ratings: the device credential, to the kiosk route; its status is the status strip's. */
  kiosk: {
    table: 'ratings',
    path: PUSH_RATINGS_PATH,
    auth: 'device',
    statusKey: 'syncStatus',
    backoffKey: 'backoff',
    labelKey: 'device.stream.kiosk',
    exported: 'rating',
    runs: 'always',
  },
  /** Typed-in paper forms: the person who typed each one in sends it, photo afterwards. */
  paper: {
    table: 'ratings',
    path: PUSH_PAPER_PATH,
    auth: 'session',
    authorOf: (record: unknown) => (record as Partial<RatingRecord> | undefined)?.paper?.enteredBy,
    statusKey: 'paperSyncStatus',
    backoffKey: 'paperBackoff',
    labelKey: 'device.stream.paper',
    exported: 'rating',
    runs: 'whenWaiting',
    companion: {
      ownWaiting: async (db: KioskDatabase, userId: string) => (await photoUpload()).countOwnWaitingPhotos(db, userId),
      ownWaitingBeyondRecords: async (db: KioskDatabase, userId: string) => (await photoUpload()).countOwnPhotosAfterTheirForm(db, userId),
      run: async (db: KioskDatabase) => (await photoUpload()).uploadPhotos(db),
    },
  },
  /** Steps on bad-review cases, sent by the person who took them. */
  case: {
    table: 'caseActions',
    path: PUSH_CASE_ACTIONS_PATH,
    auth: 'session',
    authorOf: (record: unknown) => (record as { by?: string } | undefined)?.by,
    statusKey: 'caseSyncStatus',
    backoffKey: 'caseBackoff',
    labelKey: 'device.stream.case',
    exported: 'record',
    runs: 'whenWaiting',
    // The answer carries the touched cases' new events: the tablet's list is brought up to date without a download.
    onAnswer: async (db: KioskDatabase, answer: PushResponse) => (await import('./case-actions')).applyCaseChanges(db, answer),
  },
  /** Contentless counts of bad taps left at the reason screen (src/data/abandoned-taps.ts). */
  abandon: {
    table: 'abandonedTaps',
    path: PUSH_ABANDONED_TAPS_PATH,
    auth: 'device',
    statusKey: 'abandonSyncStatus',
    backoffKey: 'abandonBackoff',
    labelKey: 'device.stream.abandon',
    exported: 'skip',
    runs: 'whenWaiting',
  },
  /** 办件 (service cases) typed in by window staff on their tablet, sent by the person who typed them. */
  serviceCase: {
    table: 'serviceCases',
    path: PUSH_TABLET_SERVICE_CASES_PATH,
    auth: 'session',
    authorOf: (record: unknown) => (record as { enteredBy?: string } | undefined)?.enteredBy,
    statusKey: 'serviceCaseSyncStatus',
    backoffKey: 'serviceCaseBackoff',
    labelKey: 'device.stream.serviceCase',
    exported: 'record',
    runs: 'whenWaiting',
  },
} as const satisfies Record<string, StreamSpec>;

export type OutboxStream = keyof typeof STREAMS;
/** The meta keys the registry names, typed in src/data/meta.ts from here. */
export type StreamStatusKey = (typeof STREAMS)[OutboxStream]['statusKey'];
export type StreamBackoffKey = (typeof STREAMS)[OutboxStream]['backoffKey'];
