import * as z from 'zod/mini';
import { LocalizedTextSchema } from '../base-schemas';
import { DECISION_PATHS } from '../case-machine';
import { LEVEL_KEYS } from '../levels';
import { RankingSettingsSchema } from './ranking-settings';

/** GET REPORT_PATHS.rankings: ?year=YYYY[&quarter=1..4] (no quarter: the year's latest quarter begun). */
export const RankingsQuerySchema = z.object({
  year: z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  quarter: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(4))),
});

const RateSchema = z.object({ numerator: z.int(), denominator: z.int(), percent: z.nullable(z.number()) });

const RankEntrySchema = z.object({
  unitId: z.string(),
  windowId: z.nullable(z.string()),
  rank: z.int(),
  bottom: z.boolean(),
  total: z.int(),
  satisfied: z.int(),
  bad: z.int(),
  notAdopted: z.int(),
  badAdopted: z.int(),
  satisfaction: RateSchema,
  badRate: RateSchema,
  badAdoptedRate: RateSchema,
});

const PeriodRankingSchema = z.object({ key: z.string(), units: z.array(RankEntrySchema), windows: z.array(RankEntrySchema) });
const RatesSchema = z.object({ badRate: RateSchema, badAdoptedRate: RateSchema });
const PlaceShape = { scope: z.enum(['unit', 'window']), unitId: z.string(), windowId: z.nullable(z.string()) };
const ids = z.array(z.string());

const FlagSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('STAFF_AWARD_LOST'), staffId: z.string(), adoptedBad: z.int(), ratingIds: ids }),
  z.object({ kind: z.literal('OVER_SHARE'), ...PlaceShape, over: z.array(z.enum(['year', 'quarter'])), year: RatesSchema, quarter: RatesSchema, ratingIds: ids }),
  z.object({ kind: z.literal('BOTTOM_RUN'), ...PlaceShape, periods: z.array(z.object({ key: z.string(), rank: z.int(), of: z.int() })), ratingIds: ids }),
]);

const EvidenceSchema = z.object({
  id: z.string(),
  ratedAt: z.number(),
  unitId: z.string(),
  windowId: z.string(),
  staffId: z.nullable(z.string()),
  level: z.enum(LEVEL_KEYS),
  path: z.nullable(z.enum(DECISION_PATHS)),
  hasCase: z.boolean(),
});

export const RankingsResponseSchema = z.object({
  year: z.int(),
  quarter: z.int(),
  generatedAt: z.number(),
  settings: RankingSettingsSchema,
  /** The share over which OVER_SHARE flags (5, the notice's). */
  overSharePercent: z.number(),
  yearRanking: PeriodRankingSchema,
  quarterRanking: PeriodRankingSchema,
  /** The periods BOTTOM_RUN read, oldest first. */
  run: z.array(PeriodRankingSchema),
  flags: z.array(FlagSchema),
  ratings: z.array(EvidenceSchema),
  refs: z.object({
    units: z.array(z.object({ id: z.string(), name: LocalizedTextSchema })),
    windows: z.array(z.object({ id: z.string(), unitId: z.string(), number: z.string(), name: LocalizedTextSchema })),
    staff: z.array(z.object({ id: z.string(), name: z.string(), employeeNo: z.string() })),
  }),
});
export type RankingsResponse = z.infer<typeof RankingsResponseSchema>;
