import type { FlagRating, RatingFlagSettings, StaffSignIn } from '../../src/domain/rating-flags';
import type { RatingReview, ReviewVerdict } from '../../src/domain/ratings-api';
import type { RatingScope } from '../../src/domain/roles';

/** Where a staff sign-in on a device was learnt: a staff session on an enrolled tablet, or a phone-page rating
 * posted by a browser carrying the rated staff member's own session (an instant, from = to). */
export type StaffSignInSource = 'SESSION' | 'PHONE_RATING';

export interface StaffSignInInput {
  staffId: string;
  deviceId: string;
  /** The session's token hash: one row per session and device, refreshed when reported again. */
  tokenHash: string;
  source: StaffSignInSource;
  at: number;
  /** Set for an instant (a phone-page rating); a session's row stays open until sign-out. */
  endedAt?: number;
}

/**
 * What the anti-coercion review reads and keeps (issue 14). Flags are computed on read (src/domain/rating-flags.ts)
 * from the compact rows below; only supervision's decision and the sign-in intervals are stored.
 */
export interface RatingFlagStore {
  /**
   * The ratings in the scope with rated_at in [from, to) that the rules could flag under `settings`, oldest first,
   * with the fields the rules read (rating-flag-rows.ts flagCandidatesSql says which, and why the rules then find
   * exactly what they would over every rating). PAPER and DEFAULT ratings are never flagged.
   */
  listFlagCandidates(scope: RatingScope, from: number, to: number, settings: RatingFlagSettings): Promise<FlagRating[]>;
  /** Staff sign-ins on devices overlapping [from, to]. A session still open has no `to` unless it has expired. */
  listStaffSignIns(from: number, to: number): Promise<StaffSignIn[]>;
  /** Records (or refreshes) a staff member signed in on a device; the first report's time stays its start. */
  recordStaffSignIn(input: StaffSignInInput): Promise<{ from: number }>;
  /** Closes the open sign-ins of a session (sign-out). */
  endStaffSignIns(tokenHash: string, at: number): Promise<void>;
  /** Supervision's marks of these ratings (ids without one are left out), with the reviewer's name. */
  getRatingReviews(ids: readonly string[]): Promise<RatingReview[]>;
  /** Sets the mark of a rating (a later mark replaces it; the audit log keeps each). Null: no such rating. */
  putRatingReview(review: { ratingId: string; verdict: ReviewVerdict; note: string | null; by: string; at: number }): Promise<{ previous: RatingReview | null } | null>;
  /** The administrator's flag settings, or null when never set (the defaults apply). */
  getFlagSettings(): Promise<RatingFlagSettings | null>;
  putFlagSettings(settings: RatingFlagSettings, at: number): Promise<void>;
}
