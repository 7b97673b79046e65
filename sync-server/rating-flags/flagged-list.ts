import { DEFAULT_RATING_FLAG_SETTINGS, flagRatings, type FlagRating, type RatingFlag, type RatingFlagSettings } from '../../src/domain/rating-flags';
import type { RatingReview } from '../../src/domain/ratings-api';
import type { RatingScope } from '../../src/domain/roles';
import type { Store } from '../store/store';

export interface FlaggedInPeriod {
  rating: FlagRating;
  flags: RatingFlag[];
  review: RatingReview | null;
}

/** The administrator's settings, or the defaults when none were saved. */
export async function flagSettings(store: Store): Promise<RatingFlagSettings> {
  return (await store.getFlagSettings()) ?? DEFAULT_RATING_FLAG_SETTINGS;
}

/**
 * The flagged ratings of a scope with rated_at in [from, to), newest first, each with its flags and supervision's
 * mark. Computed on read, not stored at ingest: a burst is only known once its last rating has arrived (an offline
 * kiosk sends a week at once), and a change of the settings applies to every period at once. The rules read the
 * period plus the longest burst window either side, so a burst crossing an edge of the period is seen whole.
 */
export async function flaggedInPeriod(store: Store, scope: RatingScope, from: number, to: number, settings: RatingFlagSettings): Promise<FlaggedInPeriod[]> {
  const margin = Math.max(settings.kioskBurst.windowMinutes, settings.windowQrBurst.windowMinutes) * 60_000;
  const [inputs, signIns] = await Promise.all([store.listFlagCandidates(scope, from - margin, to + margin, settings), store.listStaffSignIns(from, to)]);
  const results = flagRatings(inputs, signIns, settings);
  const flagged: FlaggedInPeriod[] = [];
  for (let i = results.length - 1; i >= 0; i--) {
    const rating = inputs[i]!;
    if (results[i]!.flags.length === 0 || rating.ratedAt < from || rating.ratedAt >= to) continue;
    flagged.push({ rating, flags: results[i]!.flags, review: null });
  }
  const reviews = new Map((await store.getRatingReviews(flagged.map((f) => f.rating.id))).map((r) => [r.ratingId, r]));
  for (const f of flagged) f.review = reviews.get(f.rating.id) ?? null;
  return flagged;
}
