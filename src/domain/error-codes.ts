/**
 * Every error code the server answers with, in one list: the whole-request refusals (`{error: {code, message}}`
 * with a 4xx/5xx status, sync-server's ClientError) and the per-item refusals inside a push answer. The type
 * `ErrorCode` is derived from this list, so a code the server sends and the app translates is written once; a
 * code missing here does not compile on either side. Each code has a message in every language (a unit test
 * iterates this list): case-step refusals under `cases:refusals`, every other under `staff:errors`.
 */
import type { CaseRefusal } from './case-machine';
import type { IntakeRefusal } from './case-intake';
import type { PaperRefusal } from './paper-check';

/** Codes of refusals to a whole request. */
const REQUEST_ERROR_CODES = [
  // The request itself
  'VALIDATION_FAILED',
  'BAD_JSON',
  'BAD_GZIP',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'BATCH_ITEMS_MISSING',
  'BATCH_ITEMS_TWICE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_CONTENT_ENCODING',
  'NOT_FOUND',
  'INTERNAL',
  'BUSY',
  'RATE_LIMITED',
  // Sessions, passwords and PINs
  'SIGN_IN_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'CROSS_ORIGIN',
  'INVALID_CREDENTIALS',
  'WRONG_PASSWORD',
  'PASSWORD_UNCHANGED',
  'PASSWORD_BLANK',
  'PASSWORD_TOO_COMMON',
  'PASSWORD_TOO_WEAK',
  'PIN_TOO_WEAK',
  // Kiosk devices
  'DEVICE_CREDENTIAL_REQUIRED',
  'DEVICE_UNKNOWN',
  'DEVICE_REVOKED',
  'DEVICE_MISMATCH',
  'WRONG_WINDOW',
  'UNKNOWN_WINDOW',
  'ENROLMENT_CODE_INVALID',
  'ENROLMENT_CODE_USED',
  'ENROLMENT_CODE_EXPIRED',
  'DEVICE_ID_IN_USE',
  // Business systems writing 办件 (service cases)
  'SYSTEM_TOKEN_REQUIRED',
  'SYSTEM_TOKEN_UNKNOWN',
  'SYSTEM_TOKEN_REVOKED',
  // Administration
  'EMPLOYEE_NO_TAKEN',
  'CANNOT_LOCK_SELF_OUT',
  'CANNOT_CHANGE_OWN_ROLES',
  'NOT_AN_IMAGE',
  'WINDOW_INACTIVE',
  'ALREADY_REVOKED',
  'UNKNOWN_UNIT',
  'WINDOW_OF_OTHER_UNIT',
  'CODE_TAKEN',
  'KEY_TAKEN',
  'CALENDAR_INVALID',
  'GRANT_PENDING',
  'GRANT_DECIDED',
  'GRANT_NEEDS_ANOTHER_ADMIN',
  // Ratings, paper forms and their photos
  'NO_CONTACT',
  'NO_PHOTO',
  'NO_PHOTO_EXPECTED',
  'PHOTO_CONFLICT',
  'NOT_YOUR_WINDOW',
  'RATES_SELF',
  'CHECKER_IS_TYPIST',
  'CHECKER_IS_RATED',
  'ALREADY_CHECKED',
  // Supervision's review of flagged ratings
  'NOTE_REQUIRED',
  'PERIOD_INVALID',
  // Public disclosure: approving a comment for /public (issue 16)
  'COMMENT_NOT_PUBLISHABLE',
  'DISCLOSURE_OFF',
  'PUBLICATION_DECIDED',
  // Month close (issue 15)
  'MONTH_NOT_ENDED',
  'MONTH_CLOSE_STALE',
  'MONTH_CLOSE_UNCHANGED',
  // The phone rating page (QR links, /r/<token>)
  'RATING_LINK_UNKNOWN',
  'RATING_LINK_CLOSED',
] as const;

/** Codes of one refused rating or paper form inside a push answer (besides VALIDATION_FAILED, UNKNOWN_WINDOW…). */
const RATING_ITEM_ERROR_CODES = [
  'UNKNOWN_STAFF',
  'STAFF_INACTIVE',
  'NOT_WINDOW_STAFF',
  'STAFF_NOT_ON_WINDOW',
  'UNKNOWN_REASON',
  'ID_CONFLICT',
  'PAPER_NEEDS_SIGN_IN',
  'NOT_PAPER',
  'ENTERED_BY_MISMATCH',
  'WRONG_UNIT',
  'UNKNOWN_SERVICE_ITEM',
  /** Only from `npm run import-unsent`: an outbox entry of the file without its record. */
  'RECORD_MISSING',
  /** A 办件 typed on a tablet: its 办件编号 is another window's or person's; a time far past the server's clock. */
  'SERVICE_CASE_OF_ANOTHER',
  'SERVICE_CASE_TIME_IN_FUTURE',
  /** Another rating already answered the invitation this rating's sessionId names (one rating per invitation). */
  'INVITATION_USED',
  /** The sessionId names an invitation of another window or 办件. */
  'INVITATION_MISMATCH',
] as const;

/** Codes of one refused case step (shown on its case card, under `cases:refusals`). */
export const CASE_STEP_ERROR_CODES = [
  'CASE_CHANGED',
  'BY_MISMATCH',
  'APPROVER_NOT_ALLOWED',
  // the state machine's refusals (CaseRefusal)
  'WRONG_STAGE',
  'ANONYMOUS_NO_CONTACT',
  'APPROVER_IS_RATED_STAFF',
  'NOT_THE_APPROVER',
  'NOT_ADOPTED_NO_RECTIFICATION',
  'INCOMPLETE',
  'EMPTY_TEXT',
  // the intake checks (IntakeRefusal)
  'AT_BEFORE_CASE',
  'AT_IN_FUTURE',
  'DEADLINE_TOO_FAR',
  'DEADLINE_IN_PAST',
] as const;

export const ERROR_CODE_LIST = [...REQUEST_ERROR_CODES, ...RATING_ITEM_ERROR_CODES, ...CASE_STEP_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODE_LIST)[number];
export type CaseStepErrorCode = (typeof CASE_STEP_ERROR_CODES)[number];

/**
 * Codes the app makes itself for a failure that never reached the server's answer (ApiRequestError status 0).
 * They are shown like the server's, so they need a message too.
 */
export const LOCAL_ERROR_CODE_LIST = ['NETWORK', 'BAD_RESPONSE'] as const;
export type LocalErrorCode = (typeof LOCAL_ERROR_CODE_LIST)[number];

const KNOWN: ReadonlySet<string> = new Set<string>([...ERROR_CODE_LIST, ...LOCAL_ERROR_CODE_LIST]);
const CASE_STEP: ReadonlySet<string> = new Set<string>(CASE_STEP_ERROR_CODES);

/** A code received from the network is a plain string: a newer server may send one this app does not know yet. */
export const isKnownErrorCode = (code: string): code is ErrorCode | LocalErrorCode => KNOWN.has(code);
export const isCaseStepErrorCode = (code: string): code is CaseStepErrorCode => CASE_STEP.has(code);

/** One refused item of a push answer, as the server builds it (the wire schema keeps `code` a string). */
export interface ItemRefusal {
  code: ErrorCode;
  message: string;
}

// The refusal types other domain modules declare must be codes of this list (a new one not added here fails here).
type Within<T extends ErrorCode> = T;
export type DomainRefusalCodes = Within<CaseRefusal | IntakeRefusal | PaperRefusal>;
