import type { ErrorCode } from './error-codes';
import type { KioskSettings } from './sync-api';

export const API_PREFIX = '/api/v1';
export const PUSH_RATINGS_PATH = `${API_PREFIX}/sync/ratings`;
/**
 * The other batch routes' paths, here rather than beside their schemas: the outbox's stream registry is in the
 * kiosk's first paint, and importing a path from a schema module would bring the schemas into it.
 */
export const PUSH_PAPER_PATH = `${API_PREFIX}/sync/paper`;
export const PUSH_CASE_ACTIONS_PATH = `${API_PREFIX}/sync/case-actions`;
export const PUSH_ABANDONED_TAPS_PATH = `${API_PREFIX}/sync/abandoned-taps`;
/** 办件 typed in on window staff's tablets (src/domain/tablet-service-case.ts). */
export const PUSH_TABLET_SERVICE_CASES_PATH = `${API_PREFIX}/sync/service-cases`;
export const HEALTH_PATH = `${API_PREFIX}/health`;
export const KIOSK_CONFIG_PATH = `${API_PREFIX}/kiosk/config`;

/** Items per push; the body limit (after decompression) is the server's other guard. */
export const MAX_PUSH_BATCH = 2000;

export const PUSH_ITEM_STATUSES = ['accepted', 'duplicate', 'conflict', 'invalid'] as const;
export type PushItemStatus = (typeof PUSH_ITEM_STATUSES)[number];

export const DEFAULT_KIOSK_SETTINGS: KioskSettings = { idleTimeoutMs: 60_000, thankYouMs: 4_000, shiftEndsAt: '18:30', contactRetentionDays: 30 };

export const ERROR_CODES = {
  validation: 'VALIDATION_FAILED',
  badJson: 'BAD_JSON',
  badGzip: 'BAD_GZIP',
  tooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMedia: 'UNSUPPORTED_MEDIA_TYPE',
  unsupportedEncoding: 'UNSUPPORTED_CONTENT_ENCODING',
  notFound: 'NOT_FOUND',
  unknownWindow: 'UNKNOWN_WINDOW',
  unknownStaff: 'UNKNOWN_STAFF',
  /** The staff member rated is disabled: a kiosk or form may not credit a rating (and open a case) to them. */
  staffInactive: 'STAFF_INACTIVE',
  /** The person named is not window staff (an administrator, the office…): ratings are for window staff only. */
  notWindowStaff: 'NOT_WINDOW_STAFF',
  /** The staff member is not on the roster of the rating's window. */
  staffNotOnWindow: 'STAFF_NOT_ON_WINDOW',
  unknownReason: 'UNKNOWN_REASON',
  idConflict: 'ID_CONFLICT',
  deviceCredentialRequired: 'DEVICE_CREDENTIAL_REQUIRED',
  deviceUnknown: 'DEVICE_UNKNOWN',
  deviceRevoked: 'DEVICE_REVOKED',
  wrongWindow: 'WRONG_WINDOW',
  internal: 'INTERNAL',
  /** A push envelope without its items (neither `items` nor the older `ratings`). */
  batchItemsMissing: 'BATCH_ITEMS_MISSING',
  /** A push envelope naming its items twice (`items` and the older `ratings`): which one is meant is unclear. */
  batchItemsTwice: 'BATCH_ITEMS_TWICE',
  deviceMismatch: 'DEVICE_MISMATCH',
} as const satisfies Readonly<Record<string, ErrorCode>>;
