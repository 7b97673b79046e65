import { describe, expect, it } from 'vitest';
import { countedIds, countMonth, type RatingFacts } from '../../src/domain/figures/attachment2';
import { buildBulletinFigures, rankRows, reasonPareto, type CountedDetail, type PeriodInput } from '../../src/domain/figures/bulletin';
import type { BulletinScope } from '../../src/domain/figures/bulletin-api';
import { formatPercent, summarySentences, type SentenceNames } from '../../src/domain/figures/bulletin-summary';
import { lastCompleteQuarter, previousQuarter, quarterMonths, quarterRangeCst } from '../../src/domain/figures/quarter';
import { isBadLevel, type LevelKey } from '../../src/domain/levels';

// The quarterly bulletin's figures (src/domain/figures/bulletin.ts) from real countMonth tables, and its summary
// sentences (bulletin-summary.ts).

const cstMs = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const fact = (level: LevelKey, at: string, patch: Partial<RatingFacts> = {}): RatingFacts => ({
  id: `r${String(++n).padStart(6, '0')}`, level, channel: 'HALL_TABLET', ratedAt: cstMs(at), unitId: 'u1', windowId: 'w1', staffId: 's1',
  caseNumber: null, superseded: false, awaitingCheck: false, invalid: false, badReview: null, ...patch,
});
const many = (count: number, level: LevelKey, at: string, patch: Partial<RatingFacts> = {}) => Array.from({ length: count }, () => fact(level, at, patch));

const ALL: BulletinScope = { kind: 'all', unitId: null, windowId: null };

/** What the server does (bulletin-report.ts): the months through countMonth, the counted ratings as details. */
function input(quarter: string, facts: RatingFacts[], scope: BulletinScope = ALL, extra: Map<string, Partial<CountedDetail>> = new Map()): PeriodInput {
  const { from, to } = quarterRangeCst(quarter);
  const counted = countedIds(facts);
  const details = facts
    .filter((f) => f.ratedAt >= from && f.ratedAt < to && counted.has(f.id) && (scope.kind !== 'window' || f.windowId === scope.windowId))
    .map((f) => ({ unitId: f.unitId, windowId: f.windowId, serviceItemId: null, bad: isBadLevel(f.level), reasons: [], ...extra.get(f.id) }));
  return { quarter, tables: quarterMonths(quarter).map((m) => countMonth(m, facts, 0)), details };
}

const NAMES: SentenceNames = {
  scope: 'S',
  quarter: (q) => q,
  reason: (k) => `reason:${k}`,
  window: (id) => `window:${id}`,
  item: (id) => `item:${id ?? 'none'}`,
};

describe('quarters on the China clock', () => {
  it('has three months, a previous quarter across the year, and the last complete quarter by CST', () => {
    expect(quarterMonths('2026-Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
    expect(lastCompleteQuarter(cstMs('2026-10-01T00:30:00'))).toBe('2026-Q3');
    expect(lastCompleteQuarter(cstMs('2026-09-30T23:30:00'))).toBe('2026-Q2');
    expect(quarterRangeCst('2026-Q4')).toEqual({ from: cstMs('2026-10-01T00:00:00'), to: cstMs('2027-01-01T00:00:00') });
    expect(() => quarterMonths('2026-Q5')).toThrow();
  });
});

describe('an empty quarter', () => {
  it('has zeros, 0/0 rates shown "—", no rankings rows, and says there is nothing to count', () => {
    const b = buildBulletinFigures(ALL, input('2026-Q3', []), input('2026-Q2', []));
    expect(b.current.months.map((m) => [m.month, m.total, m.satisfaction.percent])).toEqual([
      ['2026-07', 0, null],
      ['2026-08', 0, null],
      ['2026-09', 0, null],
    ]);
    expect(b.current.totals.satisfaction.percent).toBeNull();
    expect(formatPercent(b.current.totals.badRate.percent)).toBe('—');
    expect(b.current.levels.every((l) => l.count === 0 && l.share.percent === null)).toBe(true);
    expect(b.current.reasons).toEqual([]);
    expect(b.current.windowRanking).toEqual([]);
    expect(b.current.unitRanking).toEqual([]);
    expect(b.summary).toMatchObject({ total: 0, satisfaction: null, satisfactionChange: null, topReason: null, worstWindow: null, topServiceItem: null });
    expect(summarySentences('2026-Q3', '2026-Q2', b.summary, NAMES)).toEqual([{ key: 'summary.empty', params: { quarter: '2026-Q3', scope: 'S' } }]);
  });
});

describe('a quarter beside the previous one', () => {
  // Q3: w1 9 good + 1 bad in July, w2 18 good + 2 bad in August (both 90.00 %), w3 5 good in September; w4 only an
  // invalid rating. Q2: w1 all good (8), w2 3 good + 1 bad.
  const q3 = [
    ...many(9, 'SATISFIED', '2026-07-10T10:00:00'),
    fact('DISSATISFIED', '2026-07-11T10:00:00'),
    ...many(18, 'VERY_SATISFIED', '2026-08-03T10:00:00', { windowId: 'w2' }),
    ...many(2, 'VERY_DISSATISFIED', '2026-08-04T10:00:00', { windowId: 'w2' }),
    ...many(5, 'BASICALLY_SATISFIED', '2026-09-30T23:59:00', { unitId: 'u2', windowId: 'w3' }),
    fact('DISSATISFIED', '2026-09-01T10:00:00', { windowId: 'w4', invalid: true }),
    fact('DISSATISFIED', '2026-10-01T00:00:00'), // Q4 on the China clock: not in Q3
  ];
  const q2 = [...many(8, 'SATISFIED', '2026-05-10T10:00:00'), ...many(3, 'SATISFIED', '2026-06-10T10:00:00', { windowId: 'w2' }), fact('DISSATISFIED', '2026-06-11T10:00:00', { windowId: 'w2' })];
  const bad = q3.filter((f) => isBadLevel(f.level) && !f.invalid && f.ratedAt < cstMs('2026-10-01T00:00:00'));
  const extra = new Map<string, Partial<CountedDetail>>([
    [bad[0]!.id, { reasons: ['ATTITUDE', 'EFFICIENCY'], serviceItemId: 'i1' }],
    [bad[1]!.id, { reasons: ['ATTITUDE'], serviceItemId: 'i1' }],
    [bad[2]!.id, { reasons: ['ATTITUDE', 'ATTITUDE'], serviceItemId: 'i2' }],
  ]);
  const b = buildBulletinFigures(ALL, input('2026-Q3', q3, ALL, extra), input('2026-Q2', q2));

  it('trends by month from the scope row, and totals the quarter from the same rows', () => {
    expect(b.current.months.map((m) => [m.month, m.total, m.bad, m.satisfaction.percent, m.badRate.percent])).toEqual([
      ['2026-07', 10, 1, 90, 10],
      ['2026-08', 20, 2, 90, 10],
      ['2026-09', 5, 0, 100, 0],
    ]);
    expect(b.current.totals).toMatchObject({ total: 35, satisfied: 32, bad: 3, invalid: 1 });
    expect(b.current.totals.satisfaction.percent).toBe(91.43);
    const levels = Object.fromEntries(b.current.levels.map((l) => [l.level, [l.count, l.previous]]));
    expect(levels).toEqual({ VERY_SATISFIED: [18, 0], SATISFIED: [9, 11], BASICALLY_SATISFIED: [5, 0], DISSATISFIED: [1, 1], VERY_DISSATISFIED: [2, 0] });
  });

  it('ranks by satisfaction then bad rate: equal = the same rank, an invalid-only window unranked and last', () => {
    expect(b.current.windowRanking!.map((r) => [r.id, r.rank, r.tie])).toEqual([
      ['w3', 1, 'none'],
      ['w1', 2, 'tied'],
      ['w2', 2, 'tied'],
      ['w4', null, 'none'],
    ]);
    expect(b.current.windowRanking![1]!.previous).toMatchObject({ rank: 1, satisfaction: { percent: 100 } });
    expect(b.current.windowRanking![0]!.previous).toBeNull();
    expect(b.current.unitRanking!.map((r) => [r.id, r.rank, r.satisfaction.percent, r.previous?.rank ?? null])).toEqual([
      ['u2', 1, 100, null],
      ['u1', 2, 90, 1],
    ]);
  });

  it('orders the reasons by mentions with the cumulative share, a reason once per review', () => {
    expect(b.current.reasons.map((r) => [r.key, r.count, r.share.percent, r.cumulative.percent, r.previous])).toEqual([
      ['ATTITUDE', 3, 75, 75, 0],
      ['EFFICIENCY', 1, 25, 100, 0],
    ]);
    expect(b.current.reasonMentions).toBe(4);
  });

  it('concentrates bad reviews by service item and window, with the share of all bad and the bad rate', () => {
    expect(b.current.serviceItems.map((r) => [r.id, r.bad, r.badShare.percent])).toEqual([
      ['i1', 2, 66.67],
      ['i2', 1, 33.33],
    ]);
    expect(b.current.windows.map((r) => [r.id, r.bad, r.total, r.badShare.percent, r.badRate.percent, r.previous?.bad ?? null])).toEqual([
      ['w2', 2, 20, 66.67, 10, 1],
      ['w1', 1, 10, 33.33, 10, 0],
    ]);
  });

  it('states the summary facts and writes them as the locale sentences', () => {
    expect(b.summary).toMatchObject({
      total: 35, satisfaction: 91.43, bad: 3, previousTotal: 12, previousSatisfaction: 91.67, satisfactionChange: -0.24,
      topReason: { key: 'ATTITUDE', count: 3, share: 75 }, worstWindow: { id: 'w2', bad: 2, badRate: 10 }, topServiceItem: { id: 'i1', bad: 2, share: 66.67 },
    });
    expect(summarySentences('2026-Q3', '2026-Q2', b.summary, NAMES)).toEqual([
      { key: 'summary.overview', params: { quarter: '2026-Q3', scope: 'S', total: '35', satisfaction: '91.43%', bad: '3', badRate: '8.57%' } },
      { key: 'summary.changeDown', params: { previous: '2026-Q2', previousSatisfaction: '91.67%', points: '0.24' } },
      { key: 'summary.topReason', params: { reason: 'reason:ATTITUDE', count: '3', share: '75.00%' } },
      { key: 'summary.topItem', params: { item: 'item:i1', count: '2', share: '66.67%' } },
      { key: 'summary.worstWindow', params: { window: 'window:w2', badRate: '10.00%', bad: '2' } },
    ]);
  });

  it("gives a lead's window alone: no rankings, its own row", () => {
    const scope: BulletinScope = { kind: 'window', unitId: 'u1', windowId: 'w2' };
    const w = buildBulletinFigures(scope, input('2026-Q3', q3, scope), input('2026-Q2', q2, scope));
    expect(w.current.windowRanking).toBeNull();
    expect(w.current.unitRanking).toBeNull();
    expect(w.current.totals).toMatchObject({ total: 20, bad: 2 });
    expect(w.current.windows.map((r) => r.id)).toEqual(['w2']);
    expect(w.summary.worstWindow).toBeNull();
    expect(w.summary.satisfactionChange).toBe(15);
  });
});

describe('ties and the Pareto edge cases', () => {
  it('orders by the shown bad rate when the shown satisfaction rates are equal', () => {
    // 1 good of 20,000 (satisfaction 0.005 → 0.01 shown, bad 99.995 → 100.00, both half up) against 1 good of 10,000
    // (0.01, bad 99.99): the same satisfaction shown, so the bad rate decides.
    const rows = new Map([
      ['a', { unitId: 'u', total: 20_000, satisfied: 1, bad: 19_999, invalid: 0 }],
      ['b', { unitId: 'u', total: 10_000, satisfied: 1, bad: 9_999, invalid: 0 }],
    ]);
    expect(rankRows(rows).map((r) => [r.id, r.rank, r.tie, r.satisfaction.percent, r.badRate.percent])).toEqual([
      ['b', 1, 'badRate', 0.01, 99.99],
      ['a', 2, 'badRate', 0.01, 100],
    ]);
  });

  it('counts bad reviews without a reason apart and leaves good ones out', () => {
    const p = reasonPareto([
      { unitId: 'u', windowId: 'w', serviceItemId: null, bad: true, reasons: [] },
      { unitId: 'u', windowId: 'w', serviceItemId: null, bad: true, reasons: ['B'] },
      { unitId: 'u', windowId: 'w', serviceItemId: null, bad: true, reasons: ['A'] },
      { unitId: 'u', windowId: 'w', serviceItemId: null, bad: false, reasons: ['A'] },
    ]);
    expect(p).toMatchObject({ mentions: 2, withoutReason: 1 });
    expect(p.bars.map((b) => [b.key, b.cumulative.percent])).toEqual([
      ['A', 50],
      ['B', 100],
    ]);
  });
});
