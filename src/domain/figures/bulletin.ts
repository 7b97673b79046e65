import { LEVEL_KEYS, type LevelKey } from '../levels';
import { rate, type Attachment2, type Attachment2Row, type Rate } from './attachment2';
import type { BulletinPeriod, BulletinScope, BulletinSummary, Concentration, Figures, RankRow, RankTie, ReasonBar } from './bulletin-api';

/**
 * The quarterly bulletin (情况通报, issue 15) from the quarter's Attachment 2 tables: every count comes from
 * countMonth's rows (the scope's row per month; window and unit rows), never from a second set of rules. What the
 * tables do not hold (a bad review's reasons, the service item of a rating) comes with the counted ratings
 * themselves (`details`: the ratings countMonth counted, as the server read them), and is checked against the rows
 * by the server tests.
 */

/** A rating countMonth counted in the quarter, with what the tables do not carry. */
export interface CountedDetail {
  unitId: string;
  windowId: string;
  serviceItemId: string | null;
  bad: boolean;
  /** Reason keys of a bad review (empty for a good one). */
  reasons: readonly string[];
}

export interface PeriodInput {
  quarter: string;
  /** The quarter's months' tables, in month order, built over the scope's unit (or all units). */
  tables: readonly Attachment2[];
  /** The counted ratings of the quarter within the scope. */
  details: readonly CountedDetail[];
}

interface Tally {
  unitId: string | null;
  total: number;
  satisfied: number;
  bad: number;
  invalid: number;
}

const tally = (unitId: string | null = null): Tally => ({ unitId, total: 0, satisfied: 0, bad: 0, invalid: 0 });
const addRow = (t: Tally, r: Pick<Attachment2Row, 'total' | 'satisfied' | 'bad' | 'invalid'>) => {
  t.total += r.total;
  t.satisfied += r.satisfied;
  t.bad += r.bad;
  t.invalid += r.invalid;
};
const figures = (t: Tally): Figures => ({
  total: t.total, satisfied: t.satisfied, bad: t.bad, invalid: t.invalid, satisfaction: rate(t.satisfied, t.total), badRate: rate(t.bad, t.total),
});

/** The scope's row of one month's table (zeros when the scope had no rating that month). */
export function scopeRow(table: Attachment2, scope: BulletinScope): Attachment2Row | undefined {
  if (scope.kind === 'window') return table.rows.find((r) => r.scope === 'window' && r.windowId === scope.windowId);
  return table.rows.find((r) => r.scope === 'all');
}

/** Rows of one kind summed over the months, by id (window or unit), within the scope. */
function tallies(tables: readonly Attachment2[], kind: 'window' | 'unit', scope: BulletinScope): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const table of tables) {
    for (const r of table.rows) {
      if (r.scope !== kind) continue;
      if (scope.kind === 'window' && r.windowId !== scope.windowId) continue;
      const key = (kind === 'window' ? r.windowId : r.unitId)!;
      let t = out.get(key);
      if (!t) out.set(key, (t = tally(r.unitId)));
      addRow(t, r);
    }
  }
  return out;
}

const byteOrder = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/**
 * Ranks by satisfaction rate (high first), then bad rate (low first), both as shown (two decimals): equal on both =
 * the same rank (1, 1, 3); rows without a counted rating are unranked and last. `tie` says why a row stands where it does.
 */
export function rankRows(rows: Map<string, Tally>): Omit<RankRow, 'previous'>[] {
  const list = [...rows].map(([id, t]) => ({ id, unitId: t.unitId, total: t.total, satisfaction: rate(t.satisfied, t.total), badRate: rate(t.bad, t.total) }));
  const ranked = list.filter((r) => r.total > 0);
  const sat = (r: (typeof list)[number]) => r.satisfaction.percent!;
  const badp = (r: (typeof list)[number]) => r.badRate.percent!;
  ranked.sort((a, b) => sat(b) - sat(a) || badp(a) - badp(b) || byteOrder(a.id, b.id));
  const out: Omit<RankRow, 'previous'>[] = ranked.map((r) => {
    const better = ranked.filter((o) => sat(o) > sat(r) || (sat(o) === sat(r) && badp(o) < badp(r))).length;
    const sameSat = ranked.filter((o) => o !== r && sat(o) === sat(r));
    const tie: RankTie = sameSat.some((o) => badp(o) === badp(r)) ? 'tied' : sameSat.length > 0 ? 'badRate' : 'none';
    return { ...r, rank: better + 1, tie };
  });
  const unranked = list.filter((r) => r.total === 0).sort((a, b) => byteOrder(a.id, b.id));
  return [...out, ...unranked.map((r) => ({ ...r, rank: null, tie: 'none' as const }))];
}

/** Bad reviews by a key, most first (then the higher bad rate, then id): only keys with a bad review. */
function concentration(rows: Map<string | null, Tally>, scopeBad: number): Omit<Concentration, 'previous'>[] {
  return [...rows]
    .filter(([, t]) => t.bad > 0)
    .map(([id, t]) => ({ id, unitId: t.unitId, bad: t.bad, total: t.total, badShare: rate(t.bad, scopeBad), badRate: rate(t.bad, t.total) }))
    .sort((a, b) => b.bad - a.bad || (b.badRate.percent ?? 0) - (a.badRate.percent ?? 0) || byteOrder(a.id, b.id));
}

/** Reason mentions of the counted bad reviews, most first (then key), with the cumulative share: the Pareto chart. */
export function reasonPareto(details: readonly CountedDetail[]): { bars: Omit<ReasonBar, 'previous'>[]; mentions: number; withoutReason: number } {
  const counts = new Map<string, number>();
  let withoutReason = 0;
  for (const d of details) {
    if (!d.bad) continue;
    if (d.reasons.length === 0) withoutReason += 1;
    for (const key of new Set(d.reasons)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const mentions = [...counts.values()].reduce((a, b) => a + b, 0);
  let running = 0;
  const bars = [...counts]
    .sort(([ka, a], [kb, b]) => b - a || byteOrder(ka, kb))
    .map(([key, count]) => {
      running += count;
      return { key, count, share: rate(count, mentions), cumulative: rate(running, mentions) };
    });
  return { bars, mentions, withoutReason };
}

interface PeriodParts {
  period: BulletinPeriod;
  windowTallies: Map<string, Tally>;
  itemTallies: Map<string | null, Tally>;
  levels: Record<LevelKey, number>;
  reasonCounts: Map<string, number>;
}

function period(input: PeriodInput, scope: BulletinScope): PeriodParts {
  const total = tally();
  const levels = Object.fromEntries(LEVEL_KEYS.map((k) => [k, 0])) as Record<LevelKey, number>;
  const months = input.tables.map((table) => {
    const t = tally();
    const row = scopeRow(table, scope);
    if (row) {
      addRow(t, row);
      addRow(total, row);
      for (const k of LEVEL_KEYS) levels[k] += row.byLevel[k];
    }
    return { month: table.month, ...figures(t) };
  });
  const windowTallies = tallies(input.tables, 'window', scope);
  const unitTallies = tallies(input.tables, 'unit', scope);
  const itemTallies = new Map<string | null, Tally>();
  for (const d of input.details) {
    let t = itemTallies.get(d.serviceItemId);
    if (!t) itemTallies.set(d.serviceItemId, (t = tally()));
    t.total += 1;
    if (d.bad) t.bad += 1;
    else t.satisfied += 1;
  }
  const pareto = reasonPareto(input.details);
  const withPrev = <T extends object>(rows: T[]) => rows.map((r) => ({ ...r, previous: null }));
  return {
    windowTallies,
    itemTallies,
    levels,
    reasonCounts: new Map(pareto.bars.map((b) => [b.key, b.count])),
    period: {
      quarter: input.quarter,
      months,
      totals: figures(total),
      levels: LEVEL_KEYS.map((level) => ({ level, count: levels[level], share: rate(levels[level], total.total), previous: null })),
      reasons: withPrev(pareto.bars),
      reasonMentions: pareto.mentions,
      badWithoutReason: pareto.withoutReason,
      serviceItems: withPrev(concentration(itemTallies, total.bad)),
      windows: withPrev(concentration(windowTallies, total.bad)),
      windowRanking: scope.kind === 'window' ? null : withPrev(rankRows(windowTallies)),
      unitRanking: scope.kind === 'all' ? withPrev(rankRows(unitTallies)) : null,
    },
  };
}

/** Percent points from `before` to `after` (two decimals); null when either is 0/0. */
export function pointsChange(after: number | null, before: number | null): number | null {
  if (after === null || before === null) return null;
  return (Math.round(after * 100) - Math.round(before * 100)) / 100;
}

/** The previous quarter's figures beside each of the current quarter's rows. */
function joinPrevious(cur: PeriodParts, prev: PeriodParts): BulletinPeriod {
  const p = cur.period;
  const prevRank = (list: BulletinPeriod['windowRanking']) => new Map((list ?? []).map((r) => [r.id, r]));
  const ranking = (list: BulletinPeriod['windowRanking'], before: BulletinPeriod['windowRanking']) => {
    if (!list) return null;
    const old = prevRank(before);
    return list.map((r) => {
      const o = old.get(r.id);
      return { ...r, previous: o ? { rank: o.rank, satisfaction: o.satisfaction, badRate: o.badRate } : null };
    });
  };
  const conc = (list: Concentration[], before: Map<string | null, Tally>) =>
    list.map((r) => {
      const o = before.get(r.id);
      return { ...r, previous: o ? { bad: o.bad, total: o.total, badRate: rate(o.bad, o.total) } : null };
    });
  return {
    ...p,
    levels: p.levels.map((l) => ({ ...l, previous: prev.levels[l.level] })),
    reasons: p.reasons.map((r) => ({ ...r, previous: prev.reasonCounts.get(r.key) ?? 0 })),
    serviceItems: conc(p.serviceItems, prev.itemTallies),
    windows: conc(p.windows, prev.windowTallies),
    windowRanking: ranking(p.windowRanking, prev.period.windowRanking),
    unitRanking: ranking(p.unitRanking, prev.period.unitRanking),
  };
}

/** The facts the summary paragraph is written from (the words are the locale's: summarySentences). */
export function summaryOf(cur: BulletinPeriod, prev: BulletinPeriod, scope: BulletinScope): BulletinSummary {
  const c = cur.totals;
  const p = prev.totals;
  const top = cur.reasons[0];
  const item = cur.serviceItems[0];
  const worst =
    scope.kind === 'window'
      ? undefined
      : [...cur.windows].sort((a, b) => (b.badRate.percent ?? 0) - (a.badRate.percent ?? 0) || b.bad - a.bad || byteOrder(a.id, b.id))[0];
  return {
    total: c.total,
    satisfaction: c.satisfaction.percent,
    bad: c.bad,
    badRate: c.badRate.percent,
    previousTotal: p.total,
    previousSatisfaction: p.satisfaction.percent,
    previousBadRate: p.badRate.percent,
    satisfactionChange: pointsChange(c.satisfaction.percent, p.satisfaction.percent),
    badRateChange: pointsChange(c.badRate.percent, p.badRate.percent),
    topReason: top ? { key: top.key, count: top.count, share: top.share.percent } : null,
    worstWindow: worst?.id ? { id: worst.id, bad: worst.bad, badRate: worst.badRate.percent } : null,
    topServiceItem: item ? { id: item.id, bad: item.bad, share: item.badShare.percent } : null,
  };
}

/** The bulletin's figures (refs apart): the quarter, the previous one, each row with the previous beside it. */
export function buildBulletinFigures(scope: BulletinScope, current: PeriodInput, previous: PeriodInput) {
  const cur = period(current, scope);
  const prev = period(previous, scope);
  const joined = joinPrevious(cur, prev);
  return { current: joined, previous: prev.period, summary: summaryOf(joined, prev.period, scope) };
}

export type { Rate };
