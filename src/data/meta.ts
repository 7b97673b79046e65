import type { KioskDatabase } from './db';
import type { StreamBackoffKey, StreamStatusKey } from './streams';

/** When a stream may try again after failures; one per stream (src/data/streams.ts names the key). */
export interface Backoff {
  failures: number;
  nextAttemptAt: number;
}

/** Each stream's sync status and backoff, under the keys the registry declares (src/data/streams.ts). */
type StreamMetaValues = { [K in StreamStatusKey]: SyncStatus } & { [K in StreamBackoffKey]: Backoff };

/** Typed keys of the meta table, so a key and its value's type are named once. */
export interface MetaValues extends StreamMetaValues {
  deviceId: string;
  kioskConfig: import('../domain/sync-api').KioskConfig;
  /** The window this kiosk serves, when set on the device; without it the server names the demo window. */
  windowId: string;
  /** The server refused this tablet itself (src/data/device-refusal.ts); older versions kept it in syncStatus. */
  deviceRefusal: import('./device-refusal').DeviceRefusal;
  clockOffsetMs: number;
  /**
   * The last case list the signed-in person saw, for offline use; contact masked only. Case pushes bring it up to
   * date (src/data/case-actions.ts); `stale` when one could not, so that the list is downloaded again.
   */
  casesCache: { userId: string; fetchedAt: number; response: import('../domain/case-api').CaseListResponse; stale?: boolean };
  /** The newest case arrival this person has seen: a later one is announced as new. */
  casesSeen: { userId: string; latestReceivedAt: number };
  /** The unit catalogue the paper form works from, offline included. */
  paperFormConfig: import('../domain/paper-api').PaperFormConfig;
  /** The one draft slot of older versions; drafts are now kept per person (src/data/paper-draft.ts). */
  paperDraft: import('./paper-draft').PaperDraft;
  /** Fingerprints of recently submitted paper forms, for the duplicate warning offline. */
  paperSubmitted: { fingerprint: string; id: string; at: number }[];
  /** The signed-in person, as the server last answered (src/account/session.ts). */
  me: import('../domain/account-api').Me;
  /** Set at enrolment: this tablet's window and the credential it sends with every request (issue 4). */
  device: { id: string; windowId: string; credential: string; enrolledAt: number };
  /** Who is serving at this kiosk, until they sign off, another signs on, or the shift ends. */
  onDuty: { staffId: string; since: number; until: number };
  /** Wrong PINs typed at this kiosk, per staff member: too many lock that person's sign-on for a while. */
  pinFailuresByStaff: Record<string, { count: number; lockedUntil: number }>;
  /** The last ratings list the signed-in person saw, for offline use; contact masked only. */
  staffRatings: { userId: string; fetchedAt: number; response: import('../domain/ratings-api').RatingListResponse };
  /** The invitation this kiosk holds (一次一评), on the device clock (src/data/invitation-store.ts). */
  invitation: import('../domain/invitation-hold').HeldInvitation;
  /** The newest server invitation this kiosk received: its long poll asks only for a newer one. */
  invitationAfter: string;
  /** The window's 办件 of today, for the kiosk's staff panel offline (src/data/kiosk-invitation.ts). */
  kioskServiceCases: { windowId: string; fetchedAt: number; response: import('../domain/rating-invitation').KioskServiceCases };
  /** The last 办件 list of the day the signed-in person saw, for offline use. */
  myServiceCases: { userId: string; fetchedAt: number; response: import('../domain/endpoints').ResponseOf<typeof import('../domain/endpoints').API.myServiceCases, Blob> };
}
/** What the status strip shows: when the server last answered, and the last failure if the latest try failed. */
export interface SyncStatus {
  lastAttemptAt: number;
  lastSuccessAt?: number;
  lastError?: { kind: 'retryable' | 'permanent' | 'auth'; code: string; message: string };
}

export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(db: KioskDatabase, key: K): Promise<MetaValues[K] | undefined> {
  return (await db.meta.get(key))?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: KioskDatabase, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}
