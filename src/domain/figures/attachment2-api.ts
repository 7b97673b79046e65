import * as z from 'zod/mini';
import { CatalogIdSchema, ChannelSchema, LevelKeySchema, LocalizedTextSchema } from '../base-schemas';
import { DECISION_PATHS } from '../case-machine';
import { MONTH_PATTERN } from './month';

/** GET REPORT_PATHS.attachment2: a month, one unit or all (a lead: their window whatever is asked), the format. */
export const ATTACHMENT2_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type Attachment2Format = (typeof ATTACHMENT2_FORMATS)[number];

export const Attachment2QuerySchema = z.object({
  month: z.string().check(z.regex(MONTH_PATTERN, 'a month YYYY-MM')),
  unitId: z.optional(CatalogIdSchema),
  format: z.optional(z.enum(ATTACHMENT2_FORMATS)),
});
export type Attachment2Query = z.infer<typeof Attachment2QuerySchema>;

const n = z.number().check(z.int(), z.nonnegative());
const RateSchema = z.object({ numerator: n, denominator: n, percent: z.nullable(z.number()) });

const RowSchema = z.object({
  scope: z.enum(['all', 'unit', 'window', 'staff']),
  unitId: z.nullable(z.string()),
  windowId: z.nullable(z.string()),
  staffId: z.nullable(z.string()),
  total: n,
  byLevel: z.record(LevelKeySchema, n),
  byChannel: z.record(ChannelSchema, n),
  defaults: n,
  invalid: n,
  satisfied: n,
  bad: n,
  badAdopted: n,
  realNameBad: n,
  calledBack: n,
  notAdopted: n,
  byPath: z.record(z.enum(DECISION_PATHS), n),
  rectified: n,
  replied: n,
  closedOnTime: n,
  overdue: n,
  rates: z.object({
    satisfaction: RateSchema,
    badRate: RateSchema,
    badAdoptedRate: RateSchema,
    callBackRate: RateSchema,
    rectificationRate: RateSchema,
    closedOnTimeRate: RateSchema,
  }),
});

/**
 * The JSON answer: the table (src/domain/figures/attachment2.ts) as counted, the scope it was counted for (a lead's
 * is their window: no unit or whole-scope row), and the names of what its rows mention so the page can show them
 * in the reader's language (staff names are names, the same in every language).
 */
export const Attachment2ResponseSchema = z.object({
  month: z.string(),
  generatedAt: z.number(),
  rows: z.array(RowSchema),
  scope: z.union([z.object({ kind: z.literal('all'), unitId: z.nullable(z.string()) }), z.object({ kind: z.literal('window'), unitId: z.string(), windowId: z.string() })]),
  names: z.object({
    units: z.array(z.object({ id: z.string(), name: LocalizedTextSchema })),
    windows: z.array(z.object({ id: z.string(), unitId: z.string(), number: z.string(), name: LocalizedTextSchema })),
    staff: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
});
export type Attachment2Response = z.infer<typeof Attachment2ResponseSchema>;
