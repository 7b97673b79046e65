import { badReviewFacts } from '../../src/domain/figures/bad-review-facts';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { countMonth, type Attachment2, type RatingFacts } from '../../src/domain/figures/attachment2';
import { monthRangeCst } from '../../src/domain/figures/month';
import { makeCalendar, type Calendar } from '../../src/domain/workdays';
import type { FigureFacts } from '../store/figure-rows';
import type { Store } from '../store/store';

/**
 * Attachment 2 of `month` (of one unit, or of all) as of `generatedAt`: the store's facts, each bad review's case
 * judged at that instant with the working-day tables, then the counting rules (src/domain/figures/attachment2.ts).
 * `settings`: the 追评 window the server runs with (FOLLOW_UP_DAYS).
 */
export async function buildAttachment2(store: Store, month: string, unitId: string | null, generatedAt: number, settings: AssessmentSettings): Promise<Attachment2> {
  const { from, to } = monthRangeCst(month);
  const [facts, years] = await Promise.all([store.listFigureFacts(from, to, unitId), store.listCalendarYears()]);
  return countMonth(month, withCaseFigures(facts, makeCalendar(years), generatedAt), generatedAt, settings);
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
