import * as z from 'zod/mini';
import { RATING_FLAG_CODES, RatingFlagSettingsSchema, type RatingFlag, type RatingFlagSettings } from './rating-flags';
import { RatingListItemSchema, RatingListRefsSchema, RatingReviewSchema } from './api-responses';
import { REVIEW_VERDICTS, type RatingListItem, type RatingListRefs, type RatingReview } from './ratings-api';

export { REVIEW_VERDICTS, RatingReviewSchema, type RatingReview };
export type { ReviewVerdict } from './ratings-api';

/**
 * Supervision's review of flagged ratings (issue 14): the flags are computed on read over the period under review
 * (rating-flags.ts), the decision is stored. An INVALID rating stays stored and is left out of the figures; its
 * mark shows in every list. A note is required to call one invalid (the reason is what a later reader checks).
 */

export const RATING_REVIEW_PATHS = {
  list: '/api/v1/rating-flags',
  review: '/api/v1/rating-flags/:id/review',
  /** A staff session opened on an enrolled kiosk tablet names the tablet (its device credential as Bearer). */
  deviceSignIn: '/api/v1/auth/device-sign-in',
  settings: '/api/v1/admin/rating-flag-settings',
} as const;

export const REVIEW_NOTE_MAX = 500;

export const RatingReviewRequestSchema = z.strictObject({
  verdict: z.enum(REVIEW_VERDICTS),
  /** Required for INVALID (the route answers NOTE_REQUIRED); trimmed, an empty one is none. */
  note: z.optional(z.string().check(z.trim(), z.maxLength(REVIEW_NOTE_MAX))),
});
export type RatingReviewRequest = z.infer<typeof RatingReviewRequestSchema>;

/** The longest period one list covers: a month and a little (a 31-day month plus a day either side). */
export const FLAGGED_PERIOD_MAX_MS = 33 * 86_400_000;

const ms = z.coerce.number().check(z.int(), z.minimum(0));
export const FlaggedQuerySchema = z.object({
  from: ms,
  to: ms,
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
  /** 'open': flagged and not reviewed yet; default all flagged. */
  state: z.optional(z.enum(['open', 'all'])),
});
export type FlaggedQuery = z.infer<typeof FlaggedQuerySchema>;

const FlagSchema = z.looseObject({ code: z.enum(RATING_FLAG_CODES) });

export interface FlaggedListItem {
  rating: RatingListItem;
  flags: RatingFlag[];
  review: RatingReview | null;
  /** Invited: the time from invitation to tap on the device's clock. */
  invitedToTapMs: number | null;
}

export interface FlaggedRatingsResponse {
  items: FlaggedListItem[];
  refs: RatingListRefs;
  /** Flagged ratings in the period (the list shows the newest `limit`). */
  total: number;
  /** Whether this person may mark them (supervision); leads read only. */
  canReview: boolean;
  settings: RatingFlagSettings;
}

export const FlaggedRatingsResponseSchema = z.looseObject({
  items: z.array(
    z.looseObject({
      rating: RatingListItemSchema,
      flags: z.array(FlagSchema),
      review: z.nullable(RatingReviewSchema),
      invitedToTapMs: z.nullable(z.number()),
    }),
  ),
  refs: RatingListRefsSchema,
  total: z.int(),
  canReview: z.boolean(),
  settings: RatingFlagSettingsSchema,
});

export const DeviceSignInSchema = z.looseObject({ deviceId: z.string(), staffId: z.string(), from: z.number() });
export const FlagSettingsAnswerSchema = RatingFlagSettingsSchema;
