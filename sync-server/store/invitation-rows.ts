import { DEFAULT_INVITATION_LAPSE_MS, type InvitationSource } from '../../src/domain/rating-invitation';
import type { RatingRecord } from '../../src/domain/rating';
import type { Row } from './catalog-rows';
import type { ParamMark } from './sql-build';

/* Rating invitations (一次一评) as columns and back, the SQL both SQL stores run alike (only the parameter marks
   differ), and the rule that links a rating to its invitation at ingest. */

export interface StoredInvitation {
  id: string;
  unitId: string;
  windowId: string;
  serviceCaseId: string | null;
  caseNo: string;
  /** Null only for a KIOSK invitation whose 办件 the server does not know. */
  serviceItemId: string | null;
  staffId: string | null;
  source: InvitationSource;
  /** Staff id (TABLET), system token id (API) or device id (KIOSK). */
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  answeredRatingId: string | null;
  answeredAt: number | null;
  cancelledAt: number | null;
}

export const INVITATION_COLUMNS = [
  'id', 'unit_id', 'window_id', 'service_case_id', 'case_no', 'service_item_id', 'staff_id', 'source', 'created_by',
  'created_at', 'expires_at', 'answered_rating_id', 'answered_at', 'cancelled_at',
] as const;

export const invitationFromRow = (r: Row): StoredInvitation => ({
  id: r.id,
  unitId: r.unit_id,
  windowId: r.window_id,
  serviceCaseId: r.service_case_id,
  caseNo: r.case_no,
  serviceItemId: r.service_item_id,
  staffId: r.staff_id,
  source: r.source,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  answeredRatingId: r.answered_rating_id,
  answeredAt: r.answered_at,
  cancelledAt: r.cancelled_at,
});

export const invitationValues = (i: StoredInvitation): unknown[] => [
  i.id, i.unitId, i.windowId, i.serviceCaseId, i.caseNo, i.serviceItemId, i.staffId, i.source, i.createdBy,
  i.createdAt, i.expiresAt, i.answeredRatingId, i.answeredAt, i.cancelledAt,
];

export const insertInvitationSql = (mark: ParamMark, tail = '') =>
  `INSERT INTO rating_invitations (${INVITATION_COLUMNS.join(', ')}) VALUES (${INVITATION_COLUMNS.map((_, i) => mark(i + 1)).join(', ')}) ${tail}`;

/** What "open" means: not answered, not cancelled, not lapsed at the time given. */
const OPEN = (now: string) => `answered_at IS NULL AND cancelled_at IS NULL AND expires_at > ${now}`;

/** A newer invitation replaces the window's open ones (the kiosk shows one at a time). Marks: at, window, now, new id. */
export const cancelOpenSql = (mark: ParamMark) =>
  `UPDATE rating_invitations SET cancelled_at = ${mark(1)} WHERE window_id = ${mark(2)} AND ${OPEN(mark(3))} AND id < ${mark(4)}`;

/** The window's newest open invitation newer than `after`: one step down the (window_id, id) index. Marks: window, after, now. */
export const openInvitationSql = (mark: ParamMark) =>
  `SELECT * FROM rating_invitations WHERE window_id = ${mark(1)} AND id > ${mark(2)} AND ${OPEN(mark(3))} ORDER BY id DESC LIMIT 1`;

/** Marks the invitation answered by a rating, unless one answered it already. Marks: rating id, at, invitation id. */
export const answerSql = (mark: ParamMark) =>
  `UPDATE rating_invitations SET answered_rating_id = ${mark(1)}, answered_at = ${mark(2)} WHERE id = ${mark(3)} AND answered_rating_id IS NULL`;

/** Of the 办件 given, those an answered invitation rated (its id in a bound array or list, per store). */
export const answeredCasesSql = (inList: string) =>
  `SELECT DISTINCT service_case_id FROM rating_invitations WHERE answered_at IS NOT NULL AND service_case_id IN (${inList})`;

/**
 * Kiosk clocks and the server's differ by the offset seen at sync; that estimate is off by about one request's
 * transit. A rating shown this close to its invitation's end still counts as shown in time.
 */
export const INVITATION_CLOCK_TOLERANCE_MS = 30_000;

/** What the ingest hook says about a rating carrying a session id, before it is inserted. */
export type InvitationCheck = 'ok' | 'invitation-mismatch';

/**
 * A session id names one invitation: a rating of another window or 办件 carrying it was not made under it (a
 * kiosk bug or a forged record), and storing it would take the one rating the invitation allows.
 */
export function checkAgainstInvitation(record: RatingRecord, inv: Pick<StoredInvitation, 'windowId' | 'caseNo'> | null): InvitationCheck {
  if (!inv) return 'ok';
  return inv.windowId === record.windowId && inv.caseNo === record.caseNumber ? 'ok' : 'invitation-mismatch';
}

/**
 * When the kiosk showed the invitation, on the server's clock: `invitedAt` (the kiosk's clock when it showed it;
 * the tap time when absent) corrected by the batch's clock offset.
 */
export const shownAt = (record: RatingRecord, clockOffsetMs: number) => (record.invitedAt ?? record.deviceTime) + clockOffsetMs;

/**
 * Whether a rating answers an invitation the server made. Records are hashed and never changed, so a rating
 * arriving after its invitation lapsed or was replaced is stored as sent either way; what is decided here is only
 * whether the invitation counts as answered (and its 办件 as rated at the window). The kiosk's word decides: the
 * link stands when the kiosk showed the invitation while it was open (before it lapsed or was replaced, within
 * the clock tolerance), however late the rating itself arrives (a kiosk offline for a day). A rating shown after
 * that leaves the invitation lapsed: the 办件 stays unrated, and the rating still holds the session id, so no other
 * rating can take the invitation later.
 */
export function answersInTime(inv: Pick<StoredInvitation, 'expiresAt' | 'cancelledAt'>, record: RatingRecord, clockOffsetMs: number): boolean {
  const shown = shownAt(record, clockOffsetMs) - INVITATION_CLOCK_TOLERANCE_MS;
  return shown <= inv.expiresAt && (inv.cancelledAt === null || shown <= inv.cancelledAt);
}

/**
 * The invitation a kiosk made on its staff panel (offline, with the staff PIN), first known to the server by its
 * rating: recorded answered, source KIOSK, with the 办件 when the server knows its 办件编号 in the rating's unit.
 */
export function kioskInvitation(
  record: RatingRecord & { sessionId: string; caseNumber: string },
  known: { id: string; serviceItemId: string } | null,
  batch: { deviceId: string; receivedAt: number; clockOffsetMs: number },
): StoredInvitation {
  const created = shownAt(record, batch.clockOffsetMs);
  return {
    id: record.sessionId,
    unitId: record.unitId,
    windowId: record.windowId,
    serviceCaseId: known?.id ?? null,
    caseNo: record.caseNumber,
    serviceItemId: known?.serviceItemId ?? null,
    staffId: record.staffId ?? null,
    source: 'KIOSK',
    createdBy: batch.deviceId,
    createdAt: created,
    expiresAt: created + DEFAULT_INVITATION_LAPSE_MS,
    answeredRatingId: record.id,
    answeredAt: batch.receivedAt,
    cancelledAt: null,
  };
}
