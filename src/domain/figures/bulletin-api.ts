import * as z from 'zod/mini';
import { CatalogIdSchema, LevelKeySchema, LocalizedTextSchema, ReasonSchema } from '../base-schemas';
import { QUARTER_PATTERN } from './quarter';

/**
 * The quarterly bulletin's (情况通报, issue 15) query and answer. The figures are built by bulletin.ts from the
 * months' Attachment 2 tables (countMonth's rules) and the counted bad ratings' reasons and service items.
 */
export const BulletinQuerySchema = z.object({
  quarter: z.string().check(z.regex(QUARTER_PATTERN, 'a quarter, YYYY-Qn')),
  /** One unit (the office, supervision, personnel); a lead's bulletin is always of their window. */
  unitId: z.optional(CatalogIdSchema),
});
export type BulletinQuery = z.infer<typeof BulletinQuerySchema>;

const count = z.number().check(z.int(), z.minimum(0));
const RateSchema = z.object({ numerator: count, denominator: count, percent: z.nullable(z.number()) });
const id = z.string();

const FiguresSchema = z.object({ total: count, satisfied: count, bad: count, invalid: count, satisfaction: RateSchema, badRate: RateSchema });
const MonthTrendSchema = z.extend(FiguresSchema, { month: z.string() });
const LevelShareSchema = z.object({ level: LevelKeySchema, count, share: RateSchema, previous: z.nullable(count) });
const ReasonBarSchema = z.object({ key: z.string(), count, share: RateSchema, cumulative: RateSchema, previous: z.nullable(count) });
const ConcentrationSchema = z.object({
  /** A service item's or a window's id; null: ratings of no service item (uninvited visits). */
  id: z.nullable(id),
  unitId: z.nullable(id),
  bad: count,
  total: count,
  badShare: RateSchema,
  badRate: RateSchema,
  previous: z.nullable(z.object({ bad: count, total: count, badRate: RateSchema })),
});
/** 'none': no other row shares the satisfaction rate; 'badRate': one does, the bad rate ordered them; 'tied': both equal, same rank. */
export const RANK_TIES = ['none', 'badRate', 'tied'] as const;
export type RankTie = (typeof RANK_TIES)[number];
const RankRowSchema = z.object({
  id,
  unitId: z.nullable(id),
  /** null: no counted rating in the quarter (listed last, unranked). */
  rank: z.nullable(count),
  tie: z.enum(RANK_TIES),
  total: count,
  satisfaction: RateSchema,
  badRate: RateSchema,
  previous: z.nullable(z.object({ rank: z.nullable(count), satisfaction: RateSchema, badRate: RateSchema })),
});

export const BulletinPeriodSchema = z.object({
  quarter: z.string(),
  months: z.array(MonthTrendSchema),
  totals: FiguresSchema,
  levels: z.array(LevelShareSchema),
  /** Reason mentions (a bad review may give several), most frequent first, with the cumulative share (Pareto). */
  reasons: z.array(ReasonBarSchema),
  reasonMentions: count,
  /** Counted bad reviews that gave no reason. */
  badWithoutReason: count,
  serviceItems: z.array(ConcentrationSchema),
  windows: z.array(ConcentrationSchema),
  /** null where the scope has one row (a lead's window; a unit's units). */
  windowRanking: z.nullable(z.array(RankRowSchema)),
  unitRanking: z.nullable(z.array(RankRowSchema)),
});

/** Percent points (two decimals) of a change; null when either side is 0/0. */
const change = z.nullable(z.number());

export const BulletinSummarySchema = z.object({
  total: count,
  satisfaction: z.nullable(z.number()),
  bad: count,
  badRate: z.nullable(z.number()),
  previousTotal: count,
  previousSatisfaction: z.nullable(z.number()),
  previousBadRate: z.nullable(z.number()),
  satisfactionChange: change,
  badRateChange: change,
  topReason: z.nullable(z.object({ key: z.string(), count, share: z.nullable(z.number()) })),
  worstWindow: z.nullable(z.object({ id, bad: count, badRate: z.nullable(z.number()) })),
  topServiceItem: z.nullable(z.object({ id: z.nullable(id), bad: count, share: z.nullable(z.number()) })),
});

export const BulletinScopeSchema = z.object({ kind: z.enum(['all', 'unit', 'window']), unitId: z.nullable(id), windowId: z.nullable(id) });

export const BulletinSchema = z.object({
  quarter: z.string(),
  previousQuarter: z.string(),
  generatedAt: z.number(),
  scope: BulletinScopeSchema,
  current: BulletinPeriodSchema,
  previous: BulletinPeriodSchema,
  summary: BulletinSummarySchema,
  /** Names of what the figures mention, so the page reads in every language. */
  refs: z.object({
    units: z.array(z.object({ id, name: LocalizedTextSchema })),
    windows: z.array(z.object({ id, unitId: id, number: z.string(), name: LocalizedTextSchema })),
    serviceItems: z.array(z.object({ id, name: LocalizedTextSchema })),
    reasons: z.array(ReasonSchema),
  }),
});

export type BulletinPeriod = z.infer<typeof BulletinPeriodSchema>;
export type BulletinSummary = z.infer<typeof BulletinSummarySchema>;
export type BulletinScope = z.infer<typeof BulletinScopeSchema>;
export type Bulletin = z.infer<typeof BulletinSchema>;
export type Figures = z.infer<typeof FiguresSchema>;
export type Concentration = z.infer<typeof ConcentrationSchema>;
export type RankRow = z.infer<typeof RankRowSchema>;
export type ReasonBar = z.infer<typeof ReasonBarSchema>;
