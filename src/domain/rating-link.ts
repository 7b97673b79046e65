import * as z from 'zod/mini';
import { CatalogIdSchema, ContactSchema, LevelKeySchema, LocaleSchema, LocalizedTextSchema, optionalText, ReasonKeySchema, UuidV7Schema } from './base-schemas';
import { MAX_COMMENT_LENGTH, MAX_OTHER_REASON_LENGTH } from './rating-limits';

// The phone rating page (一事一评): an unguessable link per 办件 (serviceCase), shown as a QR code on the staff
// tablet and on a printed receipt slip, and a window QR (no 办件) posted at a window. `/r/<token>` is its own
// small entry (no staff app, no service worker); it reads and posts through the public routes below.

export { PHONE_PAGE_PREFIX } from './phone-constants';

export const RATING_LINK_PATHS = {
  /** The link of one 办件 (session: the 办件's staff member, the window's lead, or supervision); same link each time. */
  serviceCaseLink: '/api/v1/service-cases/:id/rating-link',
  /** A window's QR link (catalog.manage), to print and post at the window. */
  windowLink: '/api/v1/admin/windows/:id/rating-link',
  /** Public: what the phone page shows (GET) and where it posts the rating (POST). */
  phone: '/api/v1/r/:token',
} as const;

export const RATING_LINK_KINDS = ['SERVICE_CASE', 'WINDOW'] as const;
export type RatingLinkKind = (typeof RATING_LINK_KINDS)[number];

/** What a link's creator gets: the token and the page path (`/r/<token>`), with what a receipt prints. */
export const RatingLinkSchema = z.object({
  kind: z.enum(RATING_LINK_KINDS),
  token: z.string(),
  path: z.string(),
  unitName: LocalizedTextSchema,
  windowNumber: z.string(),
  windowName: LocalizedTextSchema,
  serviceItemName: z.nullable(LocalizedTextSchema),
  caseNoMasked: z.nullable(z.string()),
});
export type RatingLink = z.infer<typeof RatingLinkSchema>;

/**
 * OPEN: rate (assessment 1). FOLLOW_UP: rated; one 追评 (assessment 2) possible until `followUpUntil`.
 * CLOSED: nothing more to rate on this link (both assessments made, or the 追评 period over).
 */
export const PHONE_LINK_STATES = ['OPEN', 'FOLLOW_UP', 'CLOSED'] as const;

export const PhonePageSchema = z.object({
  kind: z.enum(RATING_LINK_KINDS),
  state: z.enum(PHONE_LINK_STATES),
  followUpUntil: z.nullable(z.number()),
  unitName: LocalizedTextSchema,
  windowNumber: z.string(),
  windowName: LocalizedTextSchema,
  serviceItemName: z.nullable(LocalizedTextSchema),
  caseNoMasked: z.nullable(z.string()),
  reasons: z.array(z.object({ key: ReasonKeySchema, label: LocalizedTextSchema })),
  serverTime: z.number(),
});
export type PhonePage = z.infer<typeof PhonePageSchema>;

/**
 * A rating from the phone. `id` is made on the phone (UUIDv7), so a resend after a lost answer is the same rating;
 * `madeAt` and `sentAt` are the phone's clock, corrected by the server like a kiosk's.
 */
export const PhoneRatingRequestSchema = z.strictObject({
  id: UuidV7Schema,
  level: LevelKeySchema,
  reasons: z.array(ReasonKeySchema).check(z.maxLength(20)),
  otherReason: optionalText(MAX_OTHER_REASON_LENGTH),
  comment: optionalText(MAX_COMMENT_LENGTH),
  /** The comment may be published anonymised once approved (issue 16); absent = private. Needs a comment. */
  publishComment: z.optional(z.boolean()),
  contact: z.optional(ContactSchema),
  locale: LocaleSchema,
  madeAt: z.int().check(z.positive()),
  sentAt: z.int().check(z.positive()),
});
export type PhoneRatingRequest = z.infer<typeof PhoneRatingRequestSchema>;

export const PhoneRatingResponseSchema = z.object({
  status: z.enum(['stored', 'duplicate']),
  assessmentNo: z.int().check(z.minimum(1), z.maximum(2)),
});

/** The window a window-QR rating rates; unused ids are never shown to a phone. */
export const WindowLinkParamsSchema = z.object({ id: CatalogIdSchema });


// The phone page's own constants live in phone-constants.ts (no zod: the page imports them into its first paint).
export { PHONE_BROWSER_HEADER, PHONE_BROWSER_ID } from './phone-constants';
