import * as z from 'zod/mini';

/**
 * The rankings' settings (an administrator's, /admin → 排名设置; stored in server_settings, audited): what "the
 * bottom ranks" are and how long a run must be for BOTTOM_RUN (rankings.ts says how they are read).
 */
export const RankingSettingsSchema = z.strictObject({
  /** The bottom K places of a period's ranking. */
  bottomPlaces: z.int().check(z.minimum(1), z.maximum(50)),
  /** The period ranked for a run: a month or a quarter. */
  period: z.enum(['month', 'quarter']),
  /** N periods in a row (2 or more: one period is a ranking, not a run; 12 quarters is three years). */
  runLength: z.int().check(z.minimum(2), z.maximum(12)),
});
export type RankingSettings = z.infer<typeof RankingSettingsSchema>;

export const DEFAULT_RANKING_SETTINGS: RankingSettings = Object.freeze({ bottomPlaces: 3, period: 'quarter', runLength: 3 });
