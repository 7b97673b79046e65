import { describe, expect, it } from 'vitest';
import type { RatingFacts } from '../../src/domain/figures/attachment2';
import type { BadReviewFacts } from '../../src/domain/figures/bad-review-facts';
import { DEFAULT_RANKING_SETTINGS, RankingSettingsSchema, type RankingSettings } from '../../src/domain/figures/ranking-settings';
import { buildRankings, monthFigures, overShare, quarterPeriod, rankPeriod, runPeriods, yearPeriod, type MonthFigures, type RankingFlag } from '../../src/domain/figures/rankings';
import type { LevelKey } from '../../src/domain/levels';

// Rankings and flags (src/domain/figures/rankings.ts): counted by the Attachment 2 rules, ranked, flagged.

const cstMs = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const rating = (month: string, patch: Partial<RatingFacts> = {}): RatingFacts => ({
  id: `r${String(++n).padStart(5, '0')}`, level: 'SATISFIED', channel: 'HALL_TABLET', ratedAt: cstMs(`${month}-15T10:00:00`), unitId: 'u1', windowId: 'w1',
  staffId: 's1', caseNumber: null, superseded: false, awaitingCheck: false, invalid: false, badReview: null, ...patch,
});
const handled = (path: BadReviewFacts['path']): BadReviewFacts => ({ realName: true, calledBack: true, path, rectified: false, replied: false, closedOnTime: false, overdue: false });
const bad = (month: string, patch: Partial<RatingFacts> = {}, path: BadReviewFacts['path'] = 'FIX_NOW', level: LevelKey = 'DISSATISFIED') =>
  rating(month, { level, badReview: handled(path), ...patch });
/** `count` ratings of one place in a month (good ones unless told). */
const many = (count: number, month: string, patch: Partial<RatingFacts> = {}) => Array.from({ length: count }, () => rating(month, patch));

function figures(facts: RatingFacts[]): Map<string, MonthFigures> {
  const months = [...new Set(facts.map((f) => new Date(f.ratedAt + 8 * 3_600_000).toISOString().slice(0, 7)))];
  return new Map(months.map((m) => [m, monthFigures(m, facts, 0)]));
}
const settings = (patch: Partial<RankingSettings> = {}): RankingSettings => ({ ...DEFAULT_RANKING_SETTINGS, ...patch });
const flagsOf = (kind: RankingFlag['kind'], flags: RankingFlag[]) => flags.filter((f) => f.kind === kind);

describe('the ranking', () => {
  it('orders by satisfaction, then adopted bad rate, then volume; ties share a rank; a place without ratings is not ranked', () => {
    const facts = [
      // w1: 4/4 satisfied, 4 ratings. w2: 2/2, fewer ratings → below w1. w3: same as w2 → same rank.
      ...many(4, '2026-01', { windowId: 'w1' }),
      ...many(2, '2026-01', { windowId: 'w2' }),
      ...many(2, '2026-01', { windowId: 'w3' }),
      // w4 and w5: 3/4 satisfied; w4's bad review not adopted (0% adopted), w5's adopted (25%) → w4 above w5.
      ...many(3, '2026-01', { windowId: 'w4' }),
      bad('2026-01', { windowId: 'w4' }, 'NOT_ADOPTED'),
      ...many(3, '2026-01', { windowId: 'w5' }),
      bad('2026-01', { windowId: 'w5' }, null),
      // w6: only an INVALID rating → nothing counted, not ranked.
      rating('2026-01', { windowId: 'w6', invalid: true }),
    ];
    const ranking = rankPeriod(quarterPeriod(2026, 1), figures(facts), 2);
    expect(ranking.windows.map((e) => [e.windowId, e.rank, e.bottom])).toEqual([
      ['w1', 1, false],
      ['w2', 2, false],
      ['w3', 2, false],
      ['w4', 4, true],
      ['w5', 5, true],
    ]);
    const w4 = ranking.windows.find((e) => e.windowId === 'w4')!;
    // Raw and adopted side by side: 1 bad of 4 raw, 0 adopted of 3 (4 − 1 not adopted).
    expect(w4.badRate).toEqual({ numerator: 1, denominator: 4, percent: 25 });
    expect(w4.badAdoptedRate).toEqual({ numerator: 0, denominator: 3, percent: 0 });
    expect(ranking.units).toHaveLength(1);
  });

  it('puts everyone tied at the edge in the bottom places, and nobody when K or fewer are ranked', () => {
    const facts = [...many(2, '2026-01', { windowId: 'w1' }), ...many(1, '2026-01', { windowId: 'w2' }), ...many(1, '2026-01', { windowId: 'w3' })];
    const k1 = rankPeriod(quarterPeriod(2026, 1), figures(facts), 1);
    expect(k1.windows.map((e) => [e.windowId, e.rank, e.bottom])).toEqual([['w1', 1, false], ['w2', 2, true], ['w3', 2, true]]);
    expect(rankPeriod(quarterPeriod(2026, 1), figures(facts), 3).windows.every((e) => !e.bottom)).toBe(true);
  });
});

describe('STAFF_AWARD_LOST', () => {
  it('needs two adopted bad reviews in the calendar year; not-adopted ones and other years do not count', () => {
    const facts = [
      bad('2026-02', { staffId: 's1' }),
      bad('2026-11', { staffId: 's1', unitId: 'u2', windowId: 'u2w' }, 'SPECIAL', 'VERY_DISSATISFIED'),
      bad('2026-05', { staffId: 's2' }),
      bad('2026-06', { staffId: 's2' }, 'NOT_ADOPTED'),
      bad('2025-12', { staffId: 's3' }),
      bad('2026-01', { staffId: 's3' }),
      bad('2026-03', { staffId: 's4', invalid: true }),
      bad('2026-03', { staffId: 's4' }),
    ];
    const r = buildRankings(2026, 4, runPeriods(settings(), 2026, 4, '2026-12'), figures(facts), settings());
    const award = flagsOf('STAFF_AWARD_LOST', r.flags);
    expect(award).toEqual([{ kind: 'STAFF_AWARD_LOST', staffId: 's1', adoptedBad: 2, ratingIds: [facts[0]!.id, facts[1]!.id] }]);
    // Every rating a flag names comes with its details.
    expect(r.ratings.filter((e) => award[0]!.ratingIds.includes(e.id)).map((e) => [e.level, e.path, e.unitId])).toEqual([
      ['DISSATISFIED', 'FIX_NOW', 'u1'],
      ['VERY_DISSATISFIED', 'SPECIAL', 'u2'],
    ]);
  });
});

describe('OVER_SHARE', () => {
  it('is strictly over 5%: 1 in 20 is not, 1 in 19 is; not-adopted reviews leave the denominator', () => {
    const exactly = [bad('2026-04', { unitId: 'ua', windowId: 'wa' }), ...many(19, '2026-04', { unitId: 'ua', windowId: 'wa' })];
    const over = [bad('2026-04', { unitId: 'ub', windowId: 'wb' }), ...many(18, '2026-04', { unitId: 'ub', windowId: 'wb' })];
    // wc: one adopted and one not adopted in 21 → 1 / 20 = 5%, not over (raw 2/21 is).
    const wc = { unitId: 'uc', windowId: 'wc' };
    const notAdopted = [bad('2026-04', wc), bad('2026-04', wc, 'NOT_ADOPTED'), ...many(19, '2026-04', wc)];
    const r = buildRankings(2026, 2, runPeriods(settings(), 2026, 2, '2026-06'), figures([...exactly, ...over, ...notAdopted]), settings());
    const flags = flagsOf('OVER_SHARE', r.flags);
    expect(flags.map((f) => f.kind === 'OVER_SHARE' && [f.scope, f.unitId, f.windowId, f.over])).toEqual([
      ['unit', 'ub', null, ['year', 'quarter']],
      ['window', 'ub', 'wb', ['year', 'quarter']],
    ]);
    expect(flags.map((f) => f.ratingIds)).toEqual([[over[0]!.id], [over[0]!.id]]);
    expect(overShare({ numerator: 1, denominator: 20, percent: 5 })).toBe(false);
    expect(overShare({ numerator: 50_001, denominator: 1_000_000, percent: 5.0 })).toBe(true);
  });

  it('flags a quarter over 5% even when the year is not, with the quarter’s ratings', () => {
    const facts = [...many(100, '2026-01', { windowId: 'wq' }), bad('2026-07', { windowId: 'wq' }), ...many(9, '2026-07', { windowId: 'wq' }), ...many(10, '2026-07', { windowId: 'wz' })];
    const r = buildRankings(2026, 3, runPeriods(settings(), 2026, 3, '2026-09'), figures(facts), settings());
    const window = flagsOf('OVER_SHARE', r.flags).find((f) => f.kind === 'OVER_SHARE' && f.scope === 'window');
    expect(window).toMatchObject({ windowId: 'wq', over: ['quarter'], quarter: { badAdoptedRate: { numerator: 1, denominator: 10, percent: 10 } } });
    expect(window!.ratingIds).toEqual([facts[100]!.id]);
  });
});

describe('BOTTOM_RUN', () => {
  it('needs the bottom places in each of N periods in a row, across the year boundary; a period without ratings breaks it', () => {
    const quarters = ['2025-10', '2026-01', '2026-04'];
    const facts = quarters.flatMap((m) => [
      ...many(5, m, { windowId: 'top' }),
      ...many(4, m, { windowId: 'mid' }),
      ...many(3, m, { windowId: 'low' }),
      bad(m, { windowId: 'low' }),
      // 'gap' is last in Q4 2025 and Q2 2026 but has no rating in Q1 2026.
      ...(m === '2026-01' ? [] : [...many(1, m, { windowId: 'gap' }), bad(m, { windowId: 'gap' }), bad(m, { windowId: 'gap' })]),
    ]);
    const s = settings({ bottomPlaces: 2, period: 'quarter', runLength: 3 });
    const run = runPeriods(s, 2026, 2, '2026-06');
    expect(run.map((p) => p.key)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    const r = buildRankings(2026, 2, run, figures(facts), s);
    const runs = flagsOf('BOTTOM_RUN', r.flags);
    expect(runs.map((f) => f.kind === 'BOTTOM_RUN' && [f.scope, f.windowId, f.periods.map((p) => `${p.key}:${p.rank}/${p.of}`)])).toEqual([
      ['window', 'low', ['2025-Q4:3/4', '2026-Q1:3/3', '2026-Q2:3/4']],
    ]);
    // Its evidence: the window's adopted bad reviews of the three quarters.
    expect(runs[0]!.ratingIds).toHaveLength(3);
    // Two in a row are enough with runLength 2, and then 'gap' (Q1 2026 without ratings) still is not flagged.
    const two = settings({ bottomPlaces: 2, runLength: 2 });
    const r2 = buildRankings(2026, 2, runPeriods(two, 2026, 2, '2026-06'), figures(facts), two);
    expect(flagsOf('BOTTOM_RUN', r2.flags).map((f) => f.kind === 'BOTTOM_RUN' && f.windowId)).toEqual(['low']);
  });

  it('reads months when the period is a month, ending at the given month', () => {
    expect(runPeriods(settings({ period: 'month', runLength: 3 }), 2026, 1, '2026-02').map((p) => p.key)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(runPeriods(settings({ runLength: 5 }), 2026, 1, '2026-03').map((p) => p.key)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(yearPeriod(2026).months).toHaveLength(12);
  });
});

describe('the settings', () => {
  it('default to the bottom 3 places, quarters, 3 in a row, and refuse what makes no run', () => {
    expect(DEFAULT_RANKING_SETTINGS).toEqual({ bottomPlaces: 3, period: 'quarter', runLength: 3 });
    expect(RankingSettingsSchema.safeParse({ bottomPlaces: 3, period: 'quarter', runLength: 1 }).success).toBe(false);
    expect(RankingSettingsSchema.safeParse({ bottomPlaces: 0, period: 'quarter', runLength: 3 }).success).toBe(false);
    expect(RankingSettingsSchema.safeParse({ bottomPlaces: 3, period: 'week', runLength: 3 }).success).toBe(false);
    expect(RankingSettingsSchema.safeParse({ bottomPlaces: 3, period: 'month', runLength: 3, extra: 1 }).success).toBe(false);
  });
});
