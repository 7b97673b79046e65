import type { Channel } from '../../src/domain/channels';
import type { FlagRating, RatingFlagSettings, StaffSignIn } from '../../src/domain/rating-flags';
import type { RatingReview, ReviewVerdict } from '../../src/domain/ratings-api';
import type { RatingScope } from '../../src/domain/roles';

/**
 * The SQL of the anti-coercion review, the same in both stores (SQLite migration 020 = PostgreSQL 008; each store
 * gives its parameter mark), and row → object. `time` is the type of a Unix-ms column.
 *
 * - staff_device_sign_ins: a staff member signed in on a device (STAFF_SIGNED_IN's source). One row per session and
 *   device: a session opened on an enrolled kiosk tablet reports the tablet (its credential proves it), and a
 *   phone-page rating posted with the rated person's own session cookie is an instant on that phone.
 * - rating_reviews: supervision's mark. An INVALID rating stays in `ratings`; the figures leave it out by this
 *   row. A note is required for INVALID, by the route and by the CHECK.
 */
export const ratingReviewSql = (time: string) => `
  CREATE TABLE staff_device_sign_ins (
    id TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL,
    device_id TEXT NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    source TEXT NOT NULL CHECK (source IN ('SESSION', 'PHONE_RATING')),
    started_at ${time} NOT NULL,
    last_seen_at ${time} NOT NULL,
    ended_at ${time},
    PRIMARY KEY (token_hash, device_id)
  );
  CREATE INDEX staff_device_sign_ins_started ON staff_device_sign_ins(started_at);
  CREATE INDEX staff_device_sign_ins_device ON staff_device_sign_ins(device_id, staff_id, started_at);

  -- Every column the flag candidates read but the id (flagCandidatesSql): a month is read from this index alone,
  -- not from the wide rating rows (about 2-4 times faster for 200,000 ratings on SQLite). The id is looked up by
  -- seq for the few candidates only.
  CREATE INDEX ratings_flag_scan ON ratings(rated_at, channel, device_id, window_id, staff_id, case_number, invited_at, device_time, seq);

  CREATE TABLE rating_reviews (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('VALID', 'INVALID')),
    note TEXT,
    reviewed_by TEXT NOT NULL REFERENCES staff(id),
    reviewed_at ${time} NOT NULL,
    CHECK (verdict = 'VALID' OR note IS NOT NULL)
  );
`;

/** Server-settings key of the administrator's flag settings (JSON). */
export const FLAG_SETTINGS_KEY = 'rating_flag_settings';

/** A session idle this long has ended (sync-server/auth/session.ts SESSION_IDLE_MS): the bound of a sign-in whose session is gone. */
const SESSION_IDLE_MS = 12 * 3600_000;

/**
 * The ratings the rules could flag, of those no rule leaves out by channel (PAPER and DEFAULT are staff- or
 * server-made by design: rating-flags.ts never flags them), in [from, to), oldest first, with the columns the rules
 * read. A month of a province is hundreds of thousands of ratings and nearly all are unflagged, so the database
 * keeps only the candidates (the rules in rating-flags.ts then decide exactly):
 * - invited and tapped within fastTapMs (FAST_TAP, exact);
 * - an uninvited kiosk rating with more than maxCount of its kiosk's within windowMinutes either side, a window-QR
 *   rating likewise for its window. Every rating of a span of at most windowMinutes holding more than maxCount
 *   passes (that span lies within windowMinutes either side of each of its ratings), so the densest span of each
 *   flagged rating is among the candidates whole and the burst rule finds the same spans and counts;
 * - a rating of a staff member who has a sign-in on its device that started by then (STAFF_SIGNED_IN; the rule
 *   checks the end).
 * Counts by window functions over (kiosk | window, rated_at) RANGE frames, the same SQL in both stores. The
 * settings are integers checked by their schema, written into the text because a frame's offset must be a constant.
 * `p(n)` is the store's n-th parameter.
 */
export function flagCandidatesSql(scope: RatingScope, s: RatingFlagSettings, p: (n: number) => string): { sql: string; params: (from: number, to: number) => unknown[] } {
  const int = (n: number) => {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a setting: ${n}`);
    return String(n);
  };
  const cols = 'channel, device_id, window_id, staff_id, case_number, invited_at, device_time, rated_at';
  const kiosk = `channel IN ('HALL_TABLET', 'HALL_TERMINAL') AND invited_at IS NULL`;
  const qr = `channel = 'QR' AND case_number IS NULL`;
  const near = (group: string, key: string, minutes: number) =>
    `COUNT(*) OVER (PARTITION BY CASE WHEN ${group} THEN ${key} END ORDER BY rated_at RANGE BETWEEN ${int(minutes * 60_000)} PRECEDING AND ${int(minutes * 60_000)} FOLLOWING)`;
  const scoped = scope.kind === 'all' ? '' : `${scope.kind === 'window' ? 'window_id' : 'staff_id'} = ${p(3)} AND `;
  const sql = `
    SELECT (SELECT x.id FROM ratings x WHERE x.seq = r.seq) AS id, ${cols} FROM (
      SELECT seq, ${cols}, ${near(kiosk, 'device_id', s.kioskBurst.windowMinutes)} AS kiosk_near, ${near(qr, 'window_id', s.windowQrBurst.windowMinutes)} AS qr_near
      FROM ratings WHERE ${scoped}rated_at >= ${p(1)} AND rated_at < ${p(2)} AND channel NOT IN ('PAPER', 'DEFAULT')
    ) r
    WHERE (invited_at IS NOT NULL AND device_time - invited_at <= ${int(s.fastTapMs)})
       OR (${kiosk} AND kiosk_near > ${int(s.kioskBurst.maxCount)})
       OR (${qr} AND qr_near > ${int(s.windowQrBurst.maxCount)})
       OR (staff_id IS NOT NULL AND channel NOT IN ('PAPER', 'DEFAULT') AND EXISTS (
             SELECT 1 FROM staff_device_sign_ins d WHERE d.device_id = r.device_id AND d.staff_id = r.staff_id AND d.started_at <= r.rated_at))
    ORDER BY rated_at`;
  const key = scope.kind === 'window' ? scope.windowId : scope.kind === 'staff' ? scope.staffId : null;
  return { sql, params: (from, to) => (key === null ? [from, to] : [from, to, key]) };
}

export interface FlagInputRow {
  id: string;
  channel: Channel;
  device_id: string;
  window_id: string;
  staff_id: string | null;
  case_number: string | null;
  invited_at: number | null;
  device_time: number;
  rated_at: number;
}

export function flagInputFromRow(r: FlagInputRow): FlagRating {
  const out: FlagRating = { id: r.id, channel: r.channel, deviceId: r.device_id, windowId: r.window_id, deviceTime: r.device_time, ratedAt: r.rated_at };
  if (r.staff_id !== null) out.staffId = r.staff_id;
  if (r.case_number !== null) out.caseNumber = r.case_number;
  if (r.invited_at !== null) out.invitedAt = r.invited_at;
  return out;
}

/**
 * Sign-ins overlapping [from, to] (parameters: to, from, now). Open rows end at sign-out; a session gone without one
 * (expired, or ended by a password change) ended at its expiry, or at most a working day after it was last seen.
 */
export const signInsSql = (p: (n: number) => string) => `
  SELECT d.device_id, d.staff_id, d.started_at,
         CASE WHEN d.ended_at IS NOT NULL THEN d.ended_at
              WHEN s.token_hash IS NULL THEN d.last_seen_at + ${SESSION_IDLE_MS}
              WHEN s.expires_at > ${p(3)} THEN NULL
              ELSE s.expires_at END AS ended_at
  FROM staff_device_sign_ins d LEFT JOIN sessions s ON s.token_hash = d.token_hash
  WHERE d.started_at <= ${p(1)}
    AND (d.ended_at IS NULL OR d.ended_at >= ${p(2)})`;

export function signInFromRow(r: { device_id: string; staff_id: string; started_at: number; ended_at: number | null }): StaffSignIn {
  return r.ended_at === null
    ? { deviceId: r.device_id, staffId: r.staff_id, from: r.started_at }
    : { deviceId: r.device_id, staffId: r.staff_id, from: r.started_at, to: r.ended_at };
}

/** Insert (parameter 7: a new UUIDv7, the row's key for `npm run migrate-store`), or refresh the row of the same session and device (its start stays; a later end replaces an earlier one). */
export const recordSignInSql = (p: (n: number) => string) => `
  INSERT INTO staff_device_sign_ins (id, token_hash, device_id, staff_id, source, started_at, last_seen_at, ended_at)
  VALUES (${p(7)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(5)}, ${p(6)})
  ON CONFLICT (token_hash, device_id) DO UPDATE SET last_seen_at = excluded.last_seen_at,
    ended_at = excluded.ended_at
  RETURNING started_at`;

export const REVIEW_SELECT = `SELECT r.rating_id, r.verdict, r.note, r.reviewed_by, r.reviewed_at, st.name AS reviewer_name
  FROM rating_reviews r LEFT JOIN staff st ON st.id = r.reviewed_by`;

export const upsertReviewSql = (p: (n: number) => string) => `
  INSERT INTO rating_reviews (rating_id, verdict, note, reviewed_by, reviewed_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})
  ON CONFLICT (rating_id) DO UPDATE SET verdict = excluded.verdict, note = excluded.note, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at`;

export interface ReviewRow {
  rating_id: string;
  verdict: ReviewVerdict;
  note: string | null;
  reviewed_by: string;
  reviewed_at: number;
  reviewer_name: string | null;
}

export function reviewFromRow(r: ReviewRow): RatingReview {
  const out: RatingReview = { ratingId: r.rating_id, verdict: r.verdict, note: r.note, by: r.reviewed_by, at: r.reviewed_at };
  if (r.reviewer_name !== null) out.byName = r.reviewer_name;
  return out;
}
