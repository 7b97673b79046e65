import { badReviewFacts } from '../../src/domain/figures/bad-review-facts';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { countMonth, type Attachment2, type RatingFacts } from '../../src/domain/figures/attachment2';
import { monthRangeCst } from '../../src/domain/figures/month';
import { makeCalendar, type Calendar } from '../../src/domain/workdays';
import type { FigureFacts } from '../store/figure-rows';
import type { Store, StoredCase } from '../store/store';

/**
 * Attachment 2 of `month` (of one unit, or of all) as of `generatedAt`: the store's facts, each bad review's case
 * judged at that instant with the working-day tables, then the counting rules (src/domain/figures/attachment2.ts).
 * `settings`: the 追评 window the server runs with (FOLLOW_UP_DAYS). `windowId` (a lead's scope, with its unit): only
 * that window's ratings are counted, each 办件's assessment still decided over all of the unit's ratings (a 追评 at
 * another window supersedes), and the table keeps only the window's row and its staff rows: never the unit's.
 */
export async function buildAttachment2(
  store: Store,
  month: string,
  unitId: string | null,
  generatedAt: number,
  settings: AssessmentSettings,
  windowId: string | null = null,
): Promise<Attachment2> {
  const ratings = await judgedMonthFacts(store, month, unitId, generatedAt);
  if (windowId === null) return countMonth(month, ratings, generatedAt, settings);
  const table = countMonth(month, ratings, generatedAt, settings, (f) => f.windowId === windowId);
  return { ...table, rows: table.rows.filter((r) => r.scope === 'window' || r.scope === 'staff') };
}

/** The month's rating facts with each bad review's case judged at `generatedAt` (what countMonth and signMonth read). */
export async function judgedMonthFacts(store: Store, month: string, unitId: string | null, generatedAt: number): Promise<RatingFacts[]> {
  const { from, to } = monthRangeCst(month);
  return judgedFigureFacts(store, from, to, unitId, generatedAt);
}

/**
 * The facts of [from, to) as the rules read them: the store's ratings, each bad review's case judged at
 * `generatedAt` with the working-day tables. A period of several months gives each month's table through countMonth
 * (it keeps a month's own ratings; the 办件's ratings of other months are read either way): the bulletin's quarter.
 */
export async function judgedFigureFacts(store: Store, from: number, to: number, unitId: string | null, generatedAt: number): Promise<RatingFacts[]> {
  const [facts, years] = await Promise.all([store.listFigureFacts(from, to, unitId), store.listCalendarYears()]);
  return withCaseFigures(facts, makeCalendar(years), generatedAt);
}

/**
 * The store's facts as the rules read them: each bad rating with its case's figures at `generatedAt`. The store's
 * rows are the caller's own: each gets its case's figures in place (no copy of ~100,000 rows).
 */
export function withCaseFigures(facts: FigureFacts, calendar: Calendar, generatedAt: number): RatingFacts[] {
  const ratings: RatingFacts[] = facts.ratings;
  const cases = new Map(facts.cases.map((c) => [c.facts.id, c]));
  for (const r of ratings) {
    const c = cases.get(r.id);
    if (c) r.badReview = badReviewFacts(c.facts, c.events, calendar, generatedAt);
  }
  return ratings;
}

/** A month's facts with each bad review's case judged: what countMonth reads, and the cases they came from. */
export interface JudgedFacts {
  ratings: RatingFacts[];
  /** The month's cases by id (a case's id is its rating's), with their events. */
  cases: Map<string, StoredCase>;
}

/**
 * As judgedMonthFacts, with the cases kept: the public page (sync-server/public) breaks 不予采纳 down by category,
 * which the counted rows do not carry.
 */
export async function judgedMonthFactsWithCases(store: Store, month: string, unitId: string | null, generatedAt: number): Promise<JudgedFacts> {
  const { from, to } = monthRangeCst(month);
  const [facts, years] = await Promise.all([store.listFigureFacts(from, to, unitId), store.listCalendarYears()]);
  const cases = new Map(facts.cases.map((c) => [c.facts.id, c]));
  return { ratings: withCaseFigures(facts, makeCalendar(years), generatedAt), cases };
}
