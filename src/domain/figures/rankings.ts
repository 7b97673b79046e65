import type { DecisionPath } from '../case-machine';
import type { AssessmentSettings } from '../service-case-assessments';
import { addCounts, countIncluded, emptyCounts, inMonth, isAdoptedBad, withRates, type Attachment2, type Attachment2Row, type RatingFacts, type RatingPlace, type Rate } from './attachment2';
import type { RankingSettings } from './ranking-settings';

/**
 * Rankings and flags for personnel and supervision (issue 15, "排名与预警"). Everything is counted by the Attachment 2
 * rules (attachment2.ts): a period's figures are the sum of its months' rows (a rating belongs to exactly one month,
 * so the sum of the months is the count of the period), and the ratings behind a flag are those `inMonth` counts.
 *
 * - An adopted bad review (采纳的差评) is a counted bad review whose case has not been decided 不予采纳 (approved);
 *   one still undecided counts as adopted, as in Attachment 2's badAdopted.
 * - STAFF_AWARD_LOST: a staff member with at least AWARD_LOST_MIN_ADOPTED_BAD (2) adopted bad reviews in the calendar
 *   year, summed over every unit they were rated in, loses award eligibility (评先评优资格).
 * - OVER_SHARE: a unit or a window whose adopted bad-review share, badAdopted / (total − notAdopted), is strictly
 *   over OVER_SHARE_PERCENT (5%) in the year or in the quarter (exactly 5% is not over; compared exactly, not by
 *   the rounded percent).
 * - Ranking (per period, units and windows apart): by satisfaction rate (higher first), then adopted bad rate (lower
 *   first; 0/0 reads 0), then volume (more counted ratings first); the rates compared as exact fractions. A unit or
 *   window with no counted rating in the period is not ranked. Equal on all three: the same rank (1, 2, 2, 4).
 * - Bottom ranks: the bottom K places (setting bottomPlaces, default 3): an entry is in them when fewer than K ranked
 *   entries are strictly below it, so ties at the edge are all in. With K or fewer ranked entries nobody is (else
 *   every entry of a small hall would always be "bottom").
 * - BOTTOM_RUN: in the bottom ranks in each of the last N periods (runLength, default 3) ending with the period asked
 *   about; period = month or quarter (default quarter); the run crosses year boundaries. Not ranked in a period (no
 *   ratings) breaks the run.
 * - Raw and adopted rates are given side by side: badRate = bad / total, badAdoptedRate as above.
 */

/** 通知: 差评率（采纳后）超过 5% — strictly over. */
export const OVER_SHARE_PERCENT = 5;
/** 通知: 年内 2 次及以上被采纳的差评 — no award (评先评优) that year. */
export const AWARD_LOST_MIN_ADOPTED_BAD = 2;

export type PeriodKind = 'month' | 'quarter';

/** A ranking period: a year "2026", a quarter "2026-Q3" or a month "2026-07", with its months. */
export interface Period {
  key: string;
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function yearPeriod(year: number): Period {
  return { key: String(year), months: Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`) };
}

export function quarterPeriod(year: number, quarter: number): Period {
  return { key: `${year}-Q${quarter}`, months: [1, 2, 3].map((i) => `${year}-${pad((quarter - 1) * 3 + i)}`) };
}

/**
 * The N periods of BOTTOM_RUN, oldest first, ending with the quarter asked about (period quarter) or with `lastMonth`
 * (period month: the quarter's last month, or the current month while the quarter is running).
 */
export function runPeriods(settings: RankingSettings, year: number, quarter: number, lastMonth: string): Period[] {
  const out: Period[] = [];
  if (settings.period === 'quarter') {
    let index = year * 4 + (quarter - 1);
    for (let i = 0; i < settings.runLength; i++, index--) out.unshift(quarterPeriod(Math.floor(index / 4), (index % 4) + 1));
    return out;
  }
  let index = Number(lastMonth.slice(0, 4)) * 12 + Number(lastMonth.slice(5, 7)) - 1;
  for (let i = 0; i < settings.runLength; i++, index--) {
    const month = `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
    out.unshift({ key: month, months: [month] });
  }
  return out;
}

/** A counted rating behind a flag (the case's id is the rating's id when it has one). */
export interface EvidenceRating extends Omit<RatingPlace, 'channel'> {
  /** The decision that stands (不予采纳 and 特殊情况 once approved); null: not decided yet. */
  path: DecisionPath | null;
  hasCase: boolean;
}

/** One month counted: its Attachment 2 table and its counted adopted bad reviews. */
export interface MonthFigures {
  month: string;
  table: Attachment2;
  adoptedBad: EvidenceRating[];
}

export function monthFigures(month: string, facts: readonly RatingFacts[], generatedAt: number, settings?: AssessmentSettings): MonthFigures {
  const included = inMonth(month, facts, settings);
  const adoptedBad = included
    .filter(({ fact, invalid }) => !invalid && isAdoptedBad(fact))
    .map(({ fact: f }) => ({
      id: f.id, ratedAt: f.ratedAt, unitId: f.unitId, windowId: f.windowId, staffId: f.staffId, level: f.level, path: f.badReview?.path ?? null, hasCase: f.badReview !== null,
    }));
  return { month, table: countIncluded(month, included, generatedAt), adoptedBad };
}

const rowKey = (r: { scope: string; unitId: string | null; windowId: string | null; staffId: string | null }) => `${r.scope}|${r.unitId}|${r.windowId}|${r.staffId}`;

/** A period's rows: its months' rows summed, row by row (same scope and ids). Months without figures count nothing. */
export function sumPeriod(period: Period, months: ReadonlyMap<string, MonthFigures>): Attachment2Row[] {
  const sums = new Map<string, { row: Attachment2Row; counts: ReturnType<typeof emptyCounts> }>();
  for (const month of period.months) {
    for (const row of months.get(month)?.table.rows ?? []) {
      const key = rowKey(row);
      let s = sums.get(key);
      if (!s) sums.set(key, (s = { row, counts: emptyCounts() }));
      addCounts(s.counts, row);
    }
  }
  return [...sums.values()].map(({ row, counts }) => withRates(row.scope, row.unitId, row.windowId, row.staffId, counts));
}

export interface RankEntry {
  unitId: string;
  /** Null for a unit. */
  windowId: string | null;
  rank: number;
  /** In the bottom K places of this period. */
  bottom: boolean;
  total: number;
  satisfied: number;
  bad: number;
  notAdopted: number;
  badAdopted: number;
  satisfaction: Rate;
  badRate: Rate;
  badAdoptedRate: Rate;
}

/** a/b compared with c/d exactly (denominators ≥ 0; 0/0 reads 0). */
function cmpFraction(a: Rate, b: Rate): number {
  const x = a.denominator === 0 ? 0 : a.numerator * (b.denominator || 1);
  const y = b.denominator === 0 ? 0 : b.numerator * (a.denominator || 1);
  return x - y;
}

/** Negative when a ranks above b (the rule in the module comment); 0: a tie. */
export function compareForRank(a: Attachment2Row, b: Attachment2Row): number {
  return cmpFraction(b.rates.satisfaction, a.rates.satisfaction) || cmpFraction(a.rates.badAdoptedRate, b.rates.badAdoptedRate) || b.total - a.total;
}

/** Ranks rows of one scope (units, or windows): rows with no counted rating left out; ties share a rank. */
export function rankRows(rows: readonly Attachment2Row[], bottomPlaces: number): RankEntry[] {
  const ranked = rows.filter((r) => r.total > 0).sort((a, b) => compareForRank(a, b) || (rowKey(a) < rowKey(b) ? -1 : 1));
  // Sorted, so the entries tied with one are next to it: its rank is 1 + the index of the first of them.
  const firsts: number[] = [];
  ranked.forEach((r, i) => firsts.push(i > 0 && compareForRank(ranked[i - 1]!, r) === 0 ? firsts[i - 1]! : i));
  const lasts: number[] = [];
  for (let i = ranked.length - 1; i >= 0; i--) lasts[i] = i < ranked.length - 1 && compareForRank(ranked[i]!, ranked[i + 1]!) === 0 ? lasts[i + 1]! : i;
  return ranked.map((r, i) => {
    const above = firsts[i]!;
    const below = ranked.length - 1 - lasts[i]!;
    return {
      unitId: r.unitId!, windowId: r.windowId, rank: above + 1, bottom: ranked.length > bottomPlaces && below < bottomPlaces,
      total: r.total, satisfied: r.satisfied, bad: r.bad, notAdopted: r.notAdopted, badAdopted: r.badAdopted,
      satisfaction: r.rates.satisfaction, badRate: r.rates.badRate, badAdoptedRate: r.rates.badAdoptedRate,
    };
  });
}

export interface PeriodRanking {
  key: string;
  units: RankEntry[];
  windows: RankEntry[];
}

export function rankPeriod(period: Period, months: ReadonlyMap<string, MonthFigures>, bottomPlaces: number): PeriodRanking {
  const rows = sumPeriod(period, months);
  return { key: period.key, units: rankRows(rows.filter((r) => r.scope === 'unit'), bottomPlaces), windows: rankRows(rows.filter((r) => r.scope === 'window'), bottomPlaces) };
}

export type FlagPlace = { scope: 'unit'; unitId: string; windowId: null } | { scope: 'window'; unitId: string; windowId: string };

export type RankingFlag =
  | { kind: 'STAFF_AWARD_LOST'; staffId: string; adoptedBad: number; ratingIds: string[] }
  | (FlagPlace & { kind: 'OVER_SHARE'; over: ('year' | 'quarter')[]; year: { badRate: Rate; badAdoptedRate: Rate }; quarter: { badRate: Rate; badAdoptedRate: Rate }; ratingIds: string[] })
  | (FlagPlace & { kind: 'BOTTOM_RUN'; periods: { key: string; rank: number; of: number }[]; ratingIds: string[] });

export interface Rankings {
  year: PeriodRanking;
  quarter: PeriodRanking;
  run: PeriodRanking[];
  flags: RankingFlag[];
  /** Every rating a flag names, once, oldest first. */
  ratings: EvidenceRating[];
}

/** Strictly over OVER_SHARE_PERCENT, exactly: badAdopted / denominator > 5 / 100. */
export function overShare(r: Rate): boolean {
  return r.denominator > 0 && r.numerator * 100 > OVER_SHARE_PERCENT * r.denominator;
}

const placeOf = (e: { unitId: string; windowId: string | null }): FlagPlace =>
  e.windowId === null ? { scope: 'unit', unitId: e.unitId, windowId: null } : { scope: 'window', unitId: e.unitId, windowId: e.windowId };
const inPlace = (p: FlagPlace) => (r: EvidenceRating) => r.unitId === p.unitId && (p.windowId === null || r.windowId === p.windowId);

/**
 * The rankings and flags of `year` and its `quarter` (1-4) from the months' figures (`months` must hold every month
 * of the year, of the quarter and of `run` that has begun; a missing one counts nothing).
 */
export function buildRankings(year: number, quarter: number, run: readonly Period[], months: ReadonlyMap<string, MonthFigures>, settings: RankingSettings): Rankings {
  const yearP = yearPeriod(year);
  const quarterP = quarterPeriod(year, quarter);
  const evidence = (p: Period) => p.months.flatMap((m) => months.get(m)?.adoptedBad ?? []);
  const yearEvidence = evidence(yearP);
  const quarterIds = new Set(evidence(quarterP).map((r) => r.id));
  const flags: RankingFlag[] = [];

  // Award eligibility: per person, over every unit of the year.
  const byStaff = new Map<string, EvidenceRating[]>();
  for (const r of yearEvidence) if (r.staffId !== null) byStaff.set(r.staffId, [...(byStaff.get(r.staffId) ?? []), r]);
  for (const [staffId, list] of [...byStaff].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (list.length >= AWARD_LOST_MIN_ADOPTED_BAD) flags.push({ kind: 'STAFF_AWARD_LOST', staffId, adoptedBad: list.length, ratingIds: list.map((r) => r.id) });
  }

  const yearRows = sumPeriod(yearP, months);
  const quarterRows = new Map(sumPeriod(quarterP, months).map((r) => [rowKey(r), r]));
  for (const scope of ['unit', 'window'] as const) {
    for (const y of yearRows.filter((r) => r.scope === scope)) {
      const q = quarterRows.get(rowKey(y));
      const quarterRates = { badRate: q?.rates.badRate ?? { numerator: 0, denominator: 0, percent: null }, badAdoptedRate: q?.rates.badAdoptedRate ?? { numerator: 0, denominator: 0, percent: null } };
      const over = [...(overShare(y.rates.badAdoptedRate) ? (['year'] as const) : []), ...(overShare(quarterRates.badAdoptedRate) ? (['quarter'] as const) : [])];
      if (over.length === 0) continue;
      const place = placeOf({ unitId: y.unitId!, windowId: y.windowId });
      // The quarter's alone when only the quarter is over; else the year's (the quarter's are among them).
      const ids = yearEvidence.filter(inPlace(place)).filter((r) => over.includes('year') || quarterIds.has(r.id));
      flags.push({ ...place, kind: 'OVER_SHARE', over, year: { badRate: y.rates.badRate, badAdoptedRate: y.rates.badAdoptedRate }, quarter: quarterRates, ratingIds: ids.map((r) => r.id) });
    }
  }

  const runRankings = run.map((p) => rankPeriod(p, months, settings.bottomPlaces));
  for (const scope of ['units', 'windows'] as const) {
    const last = runRankings.at(-1)?.[scope] ?? [];
    for (const entry of last) {
      const at = runRankings.map((p) => p[scope].find((e) => e.unitId === entry.unitId && e.windowId === entry.windowId));
      if (at.some((e) => !e?.bottom)) continue;
      const place = placeOf(entry);
      const ids = run.flatMap(evidence).filter(inPlace(place)).map((r) => r.id);
      flags.push({ ...place, kind: 'BOTTOM_RUN', periods: runRankings.map((p, i) => ({ key: p.key, rank: at[i]!.rank, of: p[scope].length })), ratingIds: ids });
    }
  }

  const named = new Set(flags.flatMap((f) => f.ratingIds));
  const ratings = new Map<string, EvidenceRating>();
  for (const m of months.values()) for (const r of m.adoptedBad) if (named.has(r.id)) ratings.set(r.id, r);
  return {
    year: rankPeriod(yearP, months, settings.bottomPlaces),
    quarter: rankPeriod(quarterP, months, settings.bottomPlaces),
    run: runRankings,
    flags,
    ratings: [...ratings.values()].sort((a, b) => a.ratedAt - b.ratedAt || (a.id < b.id ? -1 : 1)),
  };
}
