import * as z from 'zod/mini';
import { CatalogIdSchema, LevelKeySchema, LocalizedTextSchema, ReasonKeySchema } from './base-schemas';
import { DECISION_PATHS, NOT_ADOPTED_REASONS } from './case-machine';
import { MONTH_PATTERN } from './figures/month';
import { LEVEL_KEYS } from './levels';

/**
 * The public disclosure API (issue 16): no sign-in, cached (ETag + max-age), embeddable by a portal. Only units
 * that switched disclosure on exist here; another unit answers 404 exactly like an unknown one. Nothing here ever
 * carries an evaluator's name, phone, company, photo, a rating id or time, or free text other than a comment a
 * lead or the office approved for publication, already scrubbed (comment_publications.scrubbed_text).
 */
export const PUBLIC_API_PATHS = {
  units: '/api/v1/public/units',
  month: '/api/v1/public/units/:unitId/months/:month',
  trend: '/api/v1/public/units/:unitId/trend',
  reviews: '/api/v1/public/units/:unitId/reviews',
} as const;

/** How long a browser or a portal may reuse an answer without asking again (then If-None-Match → 304). */
export const PUBLIC_MAX_AGE_SECONDS = 300;
/** The trend's length: this month and the 11 before. */
export const TREND_MONTHS = 12;

/** A report month "2026-10" from 2000 on (Date.UTC reads years below 100 as 19xx). */
export const PublicMonthSchema = z.string().check(
  z.regex(MONTH_PATTERN, 'a month YYYY-MM'),
  z.refine((m) => Number(m.slice(0, 4)) >= 2000, 'a month from 2000 on'),
);
export const PublicUnitParamSchema = z.object({ unitId: CatalogIdSchema });
export const PublicMonthParamSchema = z.object({ unitId: CatalogIdSchema, month: PublicMonthSchema });
/** ?month= of the trend (the last month shown) and of the reviews; absent: the current month on the China clock. */
export const PublicMonthQuerySchema = z.object({ month: z.optional(PublicMonthSchema) });

const count = z.int().check(z.nonnegative());
export const PublicRateSchema = z.object({ numerator: count, denominator: count, percent: z.nullable(z.number()) });
export type PublicRate = z.infer<typeof PublicRateSchema>;

export const PublicUnitsSchema = z.object({
  /** The current month on the China clock: what the page shows first. */
  month: PublicMonthSchema,
  units: z.array(z.object({ id: CatalogIdSchema, name: LocalizedTextSchema })),
});
export type PublicUnits = z.infer<typeof PublicUnitsSchema>;

const NotAdoptedCountsSchema = z.object(Object.fromEntries(NOT_ADOPTED_REASONS.map((k) => [k, count])) as Record<(typeof NOT_ADOPTED_REASONS)[number], typeof count>);
export const PublicOutcomesSchema = z.object({
  FIX_NOW: count,
  FIX_WITHIN_5: count,
  SPECIAL: count,
  NOT_ADOPTED: NotAdoptedCountsSchema,
  /** Bad reviews without a decision that stands yet (being handled, or a decision awaiting approval). */
  PENDING: count,
});
export type PublicOutcomes = z.infer<typeof PublicOutcomesSchema>;

export const PublicMonthFiguresSchema = z.object({
  unitId: CatalogIdSchema,
  month: PublicMonthSchema,
  total: count,
  byLevel: z.object(Object.fromEntries(LEVEL_KEYS.map((k) => [k, count])) as Record<(typeof LEVEL_KEYS)[number], typeof count>),
  satisfied: count,
  bad: count,
  rates: z.object({ satisfaction: PublicRateSchema, callBackRate: PublicRateSchema, rectificationRate: PublicRateSchema }),
  outcomes: PublicOutcomesSchema,
});
export type PublicMonthFigures = z.infer<typeof PublicMonthFiguresSchema>;

export const PublicTrendSchema = z.object({
  unitId: CatalogIdSchema,
  months: z.array(z.object({ month: PublicMonthSchema, total: count, satisfied: count, bad: count, satisfaction: PublicRateSchema })),
});
export type PublicTrend = z.infer<typeof PublicTrendSchema>;

export const PublicReviewSchema = z.object({
  /** The day rated (China clock), never the time. */
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  level: LevelKeySchema,
  reasons: z.array(z.object({ key: ReasonKeySchema, label: LocalizedTextSchema })),
  outcome: z.object({ path: z.nullable(z.enum(DECISION_PATHS)), notAdoptedReason: z.nullable(z.enum(NOT_ADOPTED_REASONS)) }),
  windowNumber: z.string(),
  /** The rated staff member's 工号, only where the unit names staff (units.disclosure_names_staff). */
  employeeNo: z.nullable(z.string()),
  /** The approved, scrubbed comment; null when none was approved. */
  comment: z.nullable(z.string()),
});
export type PublicReview = z.infer<typeof PublicReviewSchema>;
export const PublicReviewsSchema = z.object({ unitId: CatalogIdSchema, month: PublicMonthSchema, reviews: z.array(PublicReviewSchema) });
export type PublicReviews = z.infer<typeof PublicReviewsSchema>;
