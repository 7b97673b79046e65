import { badReviewFacts } from '../../src/domain/figures/bad-review-facts';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { countMonth, type Attachment2, type RatingFacts } from '../../src/domain/figures/attachment2';
import { monthRangeCst } from '../../src/domain/figures/month';
import { makeCalendar } from '../../src/domain/workdays';
import type { Store } from '../store/store';

/**
 * Attachment 2 of `month` (of one unit, or of all) as of `generatedAt`: the store's facts, each bad review's case
 * judged at that instant with the working-day tables, then the counting rules (src/domain/figures/attachment2.ts).
 * `settings`: the 追评 window the server runs with (FOLLOW_UP_DAYS).
 */
export async function buildAttachment2(store: Store, month: string, unitId: string | null, generatedAt: number, settings: AssessmentSettings): Promise<Attachment2> {
  const { from, to } = monthRangeCst(month);
  return countMonth(month, await judgedFigureFacts(store, from, to, unitId, generatedAt), generatedAt, settings);
}

/**
 * The facts of [from, to) as the rules read them: the store's ratings, each bad review's case judged at
 * `generatedAt` with the working-day tables. A period of several months gives each month's table through countMonth
 * (it keeps a month's own ratings; the 办件's ratings of other months are read either way): the bulletin's quarter.
 */
export async function judgedFigureFacts(store: Store, from: number, to: number, unitId: string | null, generatedAt: number): Promise<RatingFacts[]> {
  const [facts, years] = await Promise.all([store.listFigureFacts(from, to, unitId), store.listCalendarYears()]);
  const calendar = makeCalendar(years);
  // The store's rows are this call's own: each bad one gets its case's figures in place (no copy of ~100,000 rows).
  const ratings: RatingFacts[] = facts.ratings;
  const cases = new Map(facts.cases.map((c) => [c.facts.id, c]));
  for (const r of ratings) {
    const c = cases.get(r.id);
    if (c) r.badReview = badReviewFacts(c.facts, c.events, calendar, generatedAt);
  }
  return ratings;
}
