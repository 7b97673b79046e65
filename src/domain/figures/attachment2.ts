import { CHANNELS, type Channel } from '../channels';
import { DECISION_PATHS, type DecisionPath } from '../case-machine';
import { isBadLevel, LEVEL_KEYS, type LevelKey } from '../levels';
import { assessServiceCase, DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings } from '../service-case-assessments';
import type { BadReviewFacts } from './bad-review-facts';
import { monthRangeCst } from './month';

/**
 * The counting rules of the figures (issue 15, Attachment 2 评价数据统计表), written once here; every report, export
 * and screen counts through `countMonth`.
 *
 * 1. A rating belongs to the month of its rating time (rated_at: the corrected device time; a default's due instant)
 *    read on the China clock (UTC+8): [00:00 CST on the 1st, 00:00 CST on the next 1st).
 * 2. Not counted at all: a paper form still waiting for its check (复核), and a default 满意 superseded by a citizen
 *    rating made in time (kept, never counted).
 * 3. A rating supervision marked INVALID (anti-coercion review, table rating_reviews) is left out of every figure and
 *    counted apart (`invalid`), in the month of its rating time, whatever else it is.
 * 4. A rating of a 办件 (it carries a 办件编号; the 办件 is its unit + 办件编号) counts only if it is the 办件's latest
 *    assessment (service-case-assessments.ts, over the 办件's ratings left after rules 2 and 3, in any month): an
 *    assessment 1 followed by a 追评 is not counted, the 追评 is, in its own month; refused ones never. A rating
 *    without a 办件编号 is an uninvited visit and counts as itself.
 * 5. Every counted rating is in `total`, in `byLevel` and in `byChannel`; a default 满意 counts (channel DEFAULT,
 *    level SATISFIED) and is also shown apart (`defaults`).
 * 6. satisfied = 非常满意 + 满意 + 基本满意; bad = 不满意 + 非常不满意.
 * 7. A bad review's handling is read from its case as of the moment the report is made (`generatedAt`):
 *    realNameBad: the rater left a phone; calledBack; byPath: the decision that stands (特殊情况 and 不予采纳 only
 *    once approved); notAdopted = byPath.NOT_ADOPTED; badAdopted = bad − notAdopted; rectified: a rectification is
 *    recorded; replied; closedOnTime: closed by its fix deadline; overdue: a deadline passed unmet at generatedAt.
 * 8. Rates are {numerator, denominator, percent}; percent to two decimals, half up, in exact integer arithmetic;
 *    null for 0/0 (shown "—", never 100%):
 *    satisfaction = satisfied / total; badRate = bad / total; badAdoptedRate = badAdopted / (total − notAdopted);
 *    callBackRate = calledBack / realNameBad; rectificationRate = rectified / badAdopted;
 *    closedOnTimeRate = closedOnTime / bad.
 * 9. Rows: one per unit, per window (with its unit), per staff member (per unit they were rated in; ratings without
 *    a staff member are in no staff row), and one for the whole scope ('all').
 */

/** One rating as the rules read it (the store gives these; ratings of the month's 办件 from other months too). */
export interface RatingFacts {
  id: string;
  level: LevelKey;
  channel: Channel;
  ratedAt: number;
  unitId: string;
  windowId: string;
  staffId: string | null;
  /** The 办件编号, or null for an uninvited visit. */
  caseNumber: string | null;
  /** A default 满意 overtaken by a citizen rating (ratings.superseded_at set). */
  superseded: boolean;
  /** A paper form not yet checked by a second person. */
  awaitingCheck: boolean;
  /** Supervision marked it INVALID. */
  invalid: boolean;
  /** A bad review's case figures (badReviewFacts); null for a good rating, or a bad one without a case. */
  badReview: BadReviewFacts | null;
}

/** Where and how a rating was given: what every report lists of a rating beside its own figures. */
export type RatingPlace = Pick<RatingFacts, 'id' | 'level' | 'channel' | 'ratedAt' | 'unitId' | 'windowId' | 'staffId'>;

export type RowScope = 'all' | 'unit' | 'window' | 'staff';

export interface Attachment2Counts {
  total: number;
  byLevel: Record<LevelKey, number>;
  byChannel: Record<Channel, number>;
  defaults: number;
  invalid: number;
  satisfied: number;
  bad: number;
  badAdopted: number;
  realNameBad: number;
  calledBack: number;
  notAdopted: number;
  byPath: Record<DecisionPath, number>;
  rectified: number;
  replied: number;
  closedOnTime: number;
  overdue: number;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** Percent to two decimals; null for 0/0. */
  percent: number | null;
}

export interface Attachment2Row extends Attachment2Counts {
  scope: RowScope;
  unitId: string | null;
  windowId: string | null;
  staffId: string | null;
  rates: {
    satisfaction: Rate;
    badRate: Rate;
    badAdoptedRate: Rate;
    callBackRate: Rate;
    rectificationRate: Rate;
    closedOnTimeRate: Rate;
  };
}

export interface Attachment2 {
  month: string;
  generatedAt: number;
  rows: Attachment2Row[];
}

/** numerator / denominator in percent, two decimals, half up, exact for integers; null for a zero denominator. */
export function rate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, percent: null };
  const hundredths = Math.floor((2 * numerator * 10_000 + denominator) / (2 * denominator));
  return { numerator, denominator, percent: hundredths / 100 };
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function emptyCounts(): Attachment2Counts {
  return {
    total: 0, byLevel: zeros(LEVEL_KEYS), byChannel: zeros(CHANNELS), defaults: 0, invalid: 0, satisfied: 0, bad: 0, badAdopted: 0,
    realNameBad: 0, calledBack: 0, notAdopted: 0, byPath: zeros(DECISION_PATHS), rectified: 0, replied: 0, closedOnTime: 0, overdue: 0,
  };
}

/** Rules 2-4: the ids of the ratings that count (a 办件's latest assessment, or an uninvited visit). */
export function countedIds(facts: readonly RatingFacts[], settings: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS): Set<string> {
  const counted = new Set<string>();
  // 办件 by unit, then 办件编号: nested maps, no composite key built per rating (a province's month is ~100,000).
  const byUnit = new Map<string, Map<string, RatingFacts[]>>();
  for (const f of facts) {
    if (f.awaitingCheck || f.superseded || f.invalid) continue;
    if (f.caseNumber === null) {
      counted.add(f.id);
      continue;
    }
    let unit = byUnit.get(f.unitId);
    if (!unit) byUnit.set(f.unitId, (unit = new Map()));
    const list = unit.get(f.caseNumber);
    if (list) list.push(f);
    else unit.set(f.caseNumber, [f]);
  }
  for (const unit of byUnit.values()) {
    for (const list of unit.values()) {
      // A 办件's only rating is its assessment 1 and counts (what assessServiceCase answers for one rating).
      if (list.length === 1) counted.add(list[0]!.id);
      else {
        const { counted: id } = assessServiceCase(list.map((f) => ({ id: f.id, isDefault: f.channel === 'DEFAULT', ratedAt: f.ratedAt })), settings);
        if (id !== null) counted.add(id);
      }
    }
  }
  return counted;
}

/** Rule 7: a bad review whose case has not been decided 不予采纳 (approved) — badAdopted counts these. */
export function isAdoptedBad(f: Pick<RatingFacts, 'level' | 'badReview'>): boolean {
  return isBadLevel(f.level) && f.badReview?.path !== 'NOT_ADOPTED';
}

/** Adds one counted rating (rules 5-7). */
function add(c: Attachment2Counts, f: RatingFacts): void {
  c.total += 1;
  c.byLevel[f.level] += 1;
  c.byChannel[f.channel] += 1;
  if (f.channel === 'DEFAULT') c.defaults += 1;
  if (!isBadLevel(f.level)) {
    c.satisfied += 1;
    return;
  }
  c.bad += 1;
  const b = f.badReview;
  if (b?.path) c.byPath[b.path] += 1;
  if (isAdoptedBad(f)) c.badAdopted += 1;
  else c.notAdopted += 1;
  if (!b) return;
  if (b.realName) c.realNameBad += 1;
  if (b.calledBack) c.calledBack += 1;
  if (b.rectified) c.rectified += 1;
  if (b.replied) c.replied += 1;
  if (b.closedOnTime) c.closedOnTime += 1;
  if (b.overdue) c.overdue += 1;
}

/** A row of `scope` with its rates (rule 8) from its counts. */
export function withRates(scope: RowScope, unitId: string | null, windowId: string | null, staffId: string | null, c: Attachment2Counts): Attachment2Row {
  return {
    scope, unitId, windowId, staffId, ...c,
    rates: {
      satisfaction: rate(c.satisfied, c.total),
      badRate: rate(c.bad, c.total),
      badAdoptedRate: rate(c.badAdopted, c.total - c.notAdopted),
      callBackRate: rate(c.calledBack, c.realNameBad),
      rectificationRate: rate(c.rectified, c.badAdopted),
      closedOnTimeRate: rate(c.closedOnTime, c.bad),
    },
  };
}

/**
 * The Attachment 2 table of `month` from the facts (rules above): rows for the whole scope, each unit, window and
 * staff member that has a counted or an invalid rating in the month, sorted by scope then ids (byte order).
 */
export function countMonth(
  month: string,
  facts: readonly RatingFacts[],
  generatedAt: number,
  settings?: AssessmentSettings,
  /** Count only these (a lead's window), after each 办件's assessment was decided over all the facts given. */
  only?: (f: RatingFacts) => boolean,
): Attachment2 {
  const included = inMonth(month, facts, settings);
  return countIncluded(month, only ? included.filter((i) => only(i.fact)) : included, generatedAt);
}

/** countMonth over what `inMonth` gave (a caller that also reads those ratings decides them once). */
export function countIncluded(month: string, included: readonly { fact: RatingFacts; invalid: boolean }[], generatedAt: number): Attachment2 {
  // Each rating is added once, to its (unit, window, staff) leaf; the unit, window, staff and whole-scope rows are
  // sums of leaves (every figure is a count, so a sum of counts is the count of the union).
  const leaves = new Map<string, Map<string, Map<string | null, Attachment2Counts>>>();
  for (const { fact: f, invalid } of included) {
    let unit = leaves.get(f.unitId);
    if (!unit) leaves.set(f.unitId, (unit = new Map()));
    let win = unit.get(f.windowId);
    if (!win) unit.set(f.windowId, (win = new Map()));
    let c = win.get(f.staffId);
    if (!c) win.set(f.staffId, (c = emptyCounts()));
    if (invalid) c.invalid += 1;
    else add(c, f);
  }
  const all = emptyCounts();
  const out: Attachment2Row[] = [];
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const unitRows: Attachment2Row[] = [];
  const windowRows: Attachment2Row[] = [];
  const staffRows: Attachment2Row[] = [];
  for (const unitId of [...leaves.keys()].sort(cmp)) {
    const unit = leaves.get(unitId)!;
    const unitCounts = emptyCounts();
    const staff = new Map<string, Attachment2Counts>();
    for (const windowId of [...unit.keys()].sort(cmp)) {
      const windowCounts = emptyCounts();
      for (const [staffId, c] of unit.get(windowId)!) {
        addCounts(windowCounts, c);
        if (staffId !== null) {
          let s = staff.get(staffId);
          if (!s) staff.set(staffId, (s = emptyCounts()));
          addCounts(s, c);
        }
      }
      addCounts(unitCounts, windowCounts);
      windowRows.push(withRates('window', unitId, windowId, null, windowCounts));
    }
    for (const staffId of [...staff.keys()].sort(cmp)) staffRows.push(withRates('staff', unitId, null, staffId, staff.get(staffId)!));
    addCounts(all, unitCounts);
    unitRows.push(withRates('unit', unitId, null, null, unitCounts));
  }
  out.push(withRates('all', null, null, null, all), ...unitRows, ...windowRows, ...staffRows);
  return { month, generatedAt, rows: out };
}

/**
 * Rules 1-4: the ratings of `month` that are counted, or counted apart as INVALID, each once. countMonth counts
 * these; a report that needs the ratings behind a figure (the rankings' evidence) reads them here, never by its own filter.
 */
export function inMonth(month: string, facts: readonly RatingFacts[], settings?: AssessmentSettings): { fact: RatingFacts; invalid: boolean }[] {
  const { from, to } = monthRangeCst(month);
  const counted = countedIds(facts, settings);
  const out: { fact: RatingFacts; invalid: boolean }[] = [];
  for (const f of facts) {
    if (f.ratedAt < from || f.ratedAt >= to) continue;
    const invalid = f.invalid && !f.awaitingCheck && !f.superseded;
    if (invalid || counted.has(f.id)) out.push({ fact: f, invalid });
  }
  return out;
}

/** into += c, figure by figure. */
export function addCounts(into: Attachment2Counts, c: Attachment2Counts): void {
  for (const k of NUMBER_KEYS) into[k] += c[k];
  for (const k of LEVEL_KEYS) into.byLevel[k] += c.byLevel[k];
  for (const k of CHANNELS) into.byChannel[k] += c.byChannel[k];
  for (const k of DECISION_PATHS) into.byPath[k] += c.byPath[k];
}

const NUMBER_KEYS = [
  'total', 'defaults', 'invalid', 'satisfied', 'bad', 'badAdopted', 'realNameBad', 'calledBack', 'notAdopted', 'rectified', 'replied', 'closedOnTime', 'overdue',
] as const satisfies readonly (keyof Attachment2Counts)[];
