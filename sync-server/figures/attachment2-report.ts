import { badReviewFacts } from '../../src/domain/figures/bad-review-facts';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { countMonth, type Attachment2, type RatingFacts } from '../../src/domain/figures/attachment2';
import { monthRangeCst } from '../../src/domain/figures/month';
import { makeCalendar } from '../../src/domain/workdays';
import type { Store, StoredCase } from '../store/store';

/** A period's facts with each bad review's case judged: what countMonth reads, and the cases they came from. */
export interface JudgedFacts {
  ratings: RatingFacts[];
  /** The month's cases by id (a case's id is its rating's), with their events. */
  cases: Map<string, StoredCase>;
}

/**
 * The store's facts of `month` (of one unit, or of all), each bad review's case judged at `generatedAt` with the
 * working-day tables. Also read by the public page (sync-server/public), which breaks 不予采纳 down by category.
 */
export async function judgedFigureFacts(store: Store, month: string, unitId: string | null, generatedAt: number): Promise<JudgedFacts> {
  const { from, to } = monthRangeCst(month);
  const [facts, years] = await Promise.all([store.listFigureFacts(from, to, unitId), store.listCalendarYears()]);
  const calendar = makeCalendar(years);
  // The store's rows are this call's own: each bad one gets its case's figures in place (no copy of ~100,000 rows).
  const ratings: RatingFacts[] = facts.ratings;
  const cases = new Map(facts.cases.map((c) => [c.facts.id, c]));
  for (const r of ratings) {
    const c = cases.get(r.id);
    if (c) r.badReview = badReviewFacts(c.facts, c.events, calendar, generatedAt);
  }
  return { ratings, cases };
}

/**
 * Attachment 2 of `month` (of one unit, or of all) as of `generatedAt`: the judged facts, then the counting rules
 * (src/domain/figures/attachment2.ts). `settings`: the 追评 window the server runs with (FOLLOW_UP_DAYS).
 */
export async function buildAttachment2(store: Store, month: string, unitId: string | null, generatedAt: number, settings: AssessmentSettings): Promise<Attachment2> {
  return countMonth(month, (await judgedFigureFacts(store, month, unitId, generatedAt)).ratings, generatedAt, settings);
}
