import * as z from 'zod/mini';
import { CatalogIdSchema, ChannelSchema, LevelKeySchema, LocalizedTextSchema } from '../base-schemas';
import { CHANNELS } from '../channels';
import { DECISION_PATHS } from '../case-machine';
import { LEVEL_KEYS } from '../levels';
import { MONTH_PATTERN } from './month';
import { CLOSE_STATUSES, CORRECTION_WHYS, RATING_STATES } from './month-close';

/**
 * The month close routes' schemas (REPORT_PATHS.monthCloses / .monthClose, reports-api.ts): the office's list of
 * months with their status (the reminder reads it), one month's versions with the live table against the last
 * snapshot and the ratings that changed it, and the submission of the next version.
 */

const ms = z.int().check(z.minimum(0));
const id = z.string();
const count = z.int().check(z.minimum(0));
const counts = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), count);

export const MonthSchema = z.string().check(z.regex(MONTH_PATTERN, 'a month YYYY-MM'));

/** One row of Attachment 2 (attachment2.ts Attachment2Row) as a submission keeps it. */
const RateSchema = z.object({ numerator: count, denominator: count, percent: z.nullable(z.number()) });
export const MonthCloseRowSchema = z.object({
  scope: z.enum(['all', 'unit', 'window', 'staff']),
  unitId: z.nullable(id),
  windowId: z.nullable(id),
  staffId: z.nullable(id),
  total: count,
  byLevel: counts(LEVEL_KEYS),
  byChannel: counts(CHANNELS),
  defaults: count,
  invalid: count,
  satisfied: count,
  bad: count,
  badAdopted: count,
  realNameBad: count,
  calledBack: count,
  notAdopted: count,
  byPath: counts(DECISION_PATHS),
  rectified: count,
  replied: count,
  closedOnTime: count,
  overdue: count,
  rates: z.record(z.enum(['satisfaction', 'badRate', 'badAdoptedRate', 'callBackRate', 'rectificationRate', 'closedOnTimeRate']), RateSchema),
});

/** Who submitted a version, when, and the instant its numbers were made (its cases judged then). */
export const MonthCloseVersionSchema = z.object({
  version: z.int().check(z.minimum(1)),
  submittedAt: ms,
  generatedAt: ms,
  submittedBy: z.object({ id, name: z.string() }),
  /** Submitted on or after the deadline (00:00 CST on the 10th of the next month). */
  late: z.boolean(),
});
export type MonthCloseVersion = z.infer<typeof MonthCloseVersionSchema>;

/** The whole hall (no unitId) or one unit. */
export const MonthCloseScopeQuerySchema = z.object({ unitId: z.optional(CatalogIdSchema) });

export const MonthClosesQuerySchema = z.object({
  unitId: z.optional(CatalogIdSchema),
  /**
   * "1": also compare the CORRECTIONS_CHECKED_MONTHS newest submitted months with their live figures (a month's read
   * each: ~4 s for a province's 85,000-rating month, bench/month-close.ts); the reminder leaves it out.
   */
  corrections: z.optional(z.enum(['0', '1'])),
});

/** How many submitted months (the newest) the list compares with their live figures; older ones: open the month. */
export const CORRECTIONS_CHECKED_MONTHS = 3;

export const MonthCloseListItemSchema = z.object({
  month: MonthSchema,
  dueFrom: ms,
  deadline: ms,
  status: z.enum(CLOSE_STATUSES),
  latest: z.nullable(MonthCloseVersionSchema),
  /** Ratings changed since the latest version; null when not asked for, not checked (older) or never submitted. */
  corrections: z.nullable(count),
});
export type MonthCloseListItem = z.infer<typeof MonthCloseListItemSchema>;

export const MonthClosesResponseSchema = z.object({
  now: ms,
  unitId: z.nullable(id),
  /** Newest first (month-close.ts monthsToClose). */
  months: z.array(MonthCloseListItemSchema),
  /** The months the reminder names: not submitted, due or overdue, newest first. */
  reminder: z.array(z.object({ month: MonthSchema, deadline: ms, status: z.enum(['due', 'overdue']) })),
});
export type MonthClosesResponse = z.infer<typeof MonthClosesResponseSchema>;

const handling = z.object({
  realName: z.boolean(),
  calledBack: z.boolean(),
  path: z.nullable(z.enum(DECISION_PATHS)),
  rectified: z.boolean(),
  replied: z.boolean(),
  closedOnTime: z.boolean(),
  overdue: z.boolean(),
});
export const RatingSignatureSchema = z.object({
  id,
  ratedAt: ms,
  unitId: id,
  windowId: id,
  staffId: z.nullable(id),
  level: LevelKeySchema,
  channel: ChannelSchema,
  state: z.enum(RATING_STATES),
  handling: z.nullable(handling),
});

export const RatingChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'changed']),
  why: z.enum(CORRECTION_WHYS),
  before: z.nullable(RatingSignatureSchema),
  after: z.nullable(RatingSignatureSchema),
  fields: z.array(z.string()),
});

export const RowChangeSchema = z.object({
  scope: z.enum(['all', 'unit', 'window', 'staff']),
  unitId: z.nullable(id),
  windowId: z.nullable(id),
  staffId: z.nullable(id),
  cells: z.array(z.object({ cell: z.string(), before: z.int(), after: z.int() })),
});

/** At most this many changed ratings are listed (the count is always whole). */
export const CORRECTIONS_LISTED_MAX = 500;

const named = z.object({ id, name: LocalizedTextSchema });
export const MonthCloseResponseSchema = z.object({
  month: MonthSchema,
  unitId: z.nullable(id),
  dueFrom: ms,
  deadline: ms,
  status: z.enum(CLOSE_STATUSES),
  /** Oldest first. */
  versions: z.array(MonthCloseVersionSchema),
  /** The latest version's table; null before the first submission. */
  snapshot: z.nullable(z.object({ version: z.int(), generatedAt: ms, rows: z.array(MonthCloseRowSchema) })),
  /** The table made now. */
  live: z.object({ generatedAt: ms, rows: z.array(MonthCloseRowSchema) }),
  /** Against the snapshot: the changed cells per row, and the ratings that caused them (at most CORRECTIONS_LISTED_MAX). */
  changedRows: z.array(RowChangeSchema),
  corrections: z.array(RatingChangeSchema),
  correctionsTotal: count,
  /** The month has ended (a month is submitted only then). */
  canSubmit: z.boolean(),
  refs: z.object({
    units: z.array(named),
    windows: z.array(z.object({ id, number: z.string(), name: LocalizedTextSchema })),
    staff: z.array(z.object({ id, name: z.string(), employeeNo: z.string() })),
  }),
});
export type MonthCloseResponse = z.infer<typeof MonthCloseResponseSchema>;

/** The version this submission corrects (0 for the first): a stale one is refused (409 MONTH_CLOSE_STALE). */
export const MonthCloseSubmitSchema = z.strictObject({ corrects: z.int().check(z.minimum(0), z.maximum(10_000)) });
export type MonthCloseSubmit = z.infer<typeof MonthCloseSubmitSchema>;

export const MonthCloseSubmittedSchema = z.object({ month: MonthSchema, unitId: z.nullable(id), status: z.enum(CLOSE_STATUSES), version: MonthCloseVersionSchema });
