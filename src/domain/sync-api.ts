import * as z from 'zod/mini';
import { CatalogIdSchema, LocalizedTextSchema, ReasonSchema } from './base-schemas';
import { CONTACT_RETENTION_DAYS, ExportPublicKeySchema } from './unsent-export';
import { MAX_PUSH_BATCH, PUSH_ITEM_STATUSES } from './sync-constants';

/** A batch's items: each stream's own records (ratings, paper forms, case steps, abandoned taps). */
export const PushItemsSchema = z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_PUSH_BATCH));

/**
 * The envelope every push route takes. Items are validated one by one so one bad record never blocks the others.
 * (Until 0.2.0 the items were called `ratings`; the server still reads that name, see sync-server/batch-route.ts.)
 */
export const PushRequestSchema = z.strictObject({
  deviceId: CatalogIdSchema,
  /** Device clock when the request left, Unix ms: lets the server estimate the device's clock offset. */
  sentAt: z.int().check(z.positive()),
  items: PushItemsSchema,
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const ApiErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;
export const ErrorEnvelopeSchema = z.object({ error: ApiErrorSchema });

export const PushItemResultSchema = z.object({
  /** Position in the request, so an item without a readable id still gets its answer. */
  index: z.int().check(z.nonnegative()),
  id: z.nullable(z.string()),
  status: z.enum(PUSH_ITEM_STATUSES),
  error: z.optional(ApiErrorSchema),
});
export type PushItemResult = z.infer<typeof PushItemResultSchema>;

/** Loose: a route adds what its stream needs (a case push: what changed), read by that stream's client. */
export const PushResponseSchema = z.looseObject({
  serverTime: z.int(),
  results: z.array(PushItemResultSchema),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const HealthSchema = z.object({
  status: z.literal('ok'),
  serverTime: z.int(),
  version: z.string(),
  /** Demo: the kiosk works without enrolment. Production: a tablet must be enrolled first. */
  mode: z.optional(z.enum(['demo', 'production'])),
});
export type Health = z.infer<typeof HealthSchema>;

export const KioskSettingsSchema = z.object({
  /** Any screen returns to idle after this long without a touch, dropping an unfinished rating. */
  idleTimeoutMs: z.int().check(z.minimum(5_000), z.maximum(600_000)),
  thankYouMs: z.int().check(z.minimum(500), z.maximum(60_000)),
  /** "HH:MM" China Standard Time: whoever is on duty at a kiosk is signed off when it passes. */
  shiftEndsAt: z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/))),
  /** Days a held (conflict) or refused record keeps its evaluator's contact on the tablet; 30 when absent. */
  contactRetentionDays: z.optional(z.int().check(z.minimum(CONTACT_RETENTION_DAYS.min), z.maximum(CONTACT_RETENTION_DAYS.max))),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const StaffCardSchema = z.object({
  id: CatalogIdSchema,
  name: z.string(),
  employeeNo: z.string(),
  photoUrl: z.nullable(z.string()),
  /** Only in a roster sent to that window's kiosk: lets staff go on duty with their PIN offline. */
  pinHash: z.optional(z.nullable(z.string())),
});
export type StaffCard = z.infer<typeof StaffCardSchema>;

export const KioskConfigSchema = z.object({
  demo: z.boolean(),
  unit: z.object({ id: CatalogIdSchema, name: LocalizedTextSchema }),
  window: z.object({ id: CatalogIdSchema, number: z.string(), name: LocalizedTextSchema }),
  /** Who the kiosk shows when nobody has signed on: the window's first staff member in demo mode, else null. */
  staffOnDuty: z.nullable(StaffCardSchema),
  /** Everyone who serves at this window; absent in configurations cached by older versions. */
  roster: z.optional(z.array(StaffCardSchema)),
  reasons: z.array(ReasonSchema),
  settings: KioskSettingsSchema,
  fetchedAt: z.int(),
  /** The catalogue version this copy reflects (device check-ins compare it). */
  version: z.optional(z.int()),
  /** The server's public key for the unsent-records file: contact in it is encrypted to the server alone. */
  unsentExportKey: z.optional(ExportPublicKeySchema),
});
export type KioskConfig = z.infer<typeof KioskConfigSchema>;
