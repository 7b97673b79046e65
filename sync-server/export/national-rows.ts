import { assessServiceCase, type AssessmentSettings } from '../../src/domain/service-case-assessments';
import type { ServiceCaseKey, ServiceCaseRatingRow } from '../store/rating-link-rows';
import type { StoredRating, Store } from '../store/store';
import type { NationalRowInput } from './national-format';

/** How many ratings one read brings (the export CLI's page size): memory stays flat for millions. */
export const NATIONAL_PAGE_SIZE = 1000;

export interface NationalTally {
  /** Rows given out. */
  rows: number;
  /** Marked INVALID by supervision (rating_reviews). */
  invalid: number;
  /** Of a 办件 but no assessment of it: a third rating, a 追评 after the period (service-case-assessments.ts). */
  notAssessed: number;
}

const caseKey = (unitId: string, caseNo: string) => `${unitId}\u0000${caseNo}`;

/**
 * Every rating the national layouts carry, in arrival order, a page at a time, with its assessment number and its
 * unit's 行政区划代码. Left out: what the store does not count (a paper form not yet checked, a superseded default:
 * listRatings), ratings supervision marked INVALID, and ratings of a 办件 that are none of its two assessments.
 *
 * The number is decided per 办件 over all its ratings (not the device's own assessmentNo), INVALID ones left out
 * first: a coerced rating struck by supervision takes no slot, so the citizen's own rating after it is number 1.
 * A rating without 办件 (uninvited at the kiosk, a window QR) is a first assessment.
 */
export async function* nationalRows(store: Store, assessment: AssessmentSettings, tally: NationalTally): AsyncGenerator<NationalRowInput> {
  const catalog = await store.loadCatalog();
  const division = new Map(catalog.units.map((u) => [u.id, u.divisionCode ?? null]));
  let after = 0;
  for (;;) {
    const page = await store.listRatings(after, NATIONAL_PAGE_SIZE);
    if (page.length === 0) break;
    after = page[page.length - 1].seq;
    const numbers = await assessmentNumbers(store, page, assessment);
    for (const rating of page) {
      const decided = numbers.get(rating.id);
      if (decided === 'INVALID') tally.invalid += 1;
      else if (decided === null) tally.notAssessed += 1;
      else {
        tally.rows += 1;
        yield { rating, assessmentNo: decided ?? 1, divisionCode: division.get(rating.unitId) ?? null };
      }
    }
  }
}

/**
 * Per rating of the page: 'INVALID', the assessment number of its 办件, or null when it is none of them. Ratings
 * without 办件 are absent unless INVALID. Three reads per page: the page's reviews, the ratings of every 办件 on
 * it at once, their reviews.
 */
async function assessmentNumbers(store: Store, page: readonly StoredRating[], settings: AssessmentSettings): Promise<Map<string, 'INVALID' | 1 | 2 | null>> {
  const out = new Map<string, 'INVALID' | 1 | 2 | null>();
  const invalid = await invalidIds(store, page.map((r) => r.id));
  const cases = new Map<string, ServiceCaseKey>();
  for (const r of page) {
    if (invalid.has(r.id)) out.set(r.id, 'INVALID');
    else if (r.caseNumber) cases.set(caseKey(r.unitId, r.caseNumber), { unitId: r.unitId, caseNo: r.caseNumber });
  }
  const caseRatings = new Map<string, ServiceCaseRatingRow[]>();
  for (const row of await store.listServiceCaseRatingsOf([...cases.values()])) {
    const key = caseKey(row.unitId, row.caseNo);
    const list = caseRatings.get(key);
    if (list) list.push(row);
    else caseRatings.set(key, [row]);
  }
  const others = [...caseRatings.values()].flat().map((r) => r.id).filter((id) => !invalid.has(id));
  for (const id of await invalidIds(store, others)) invalid.add(id);
  for (const rows of caseRatings.values()) {
    const valid = rows.filter((r) => !invalid.has(r.id));
    const { ratings } = assessServiceCase(valid.map((r) => ({ id: r.id, isDefault: r.channel === 'DEFAULT', ratedAt: r.ratedAt })), settings);
    for (const a of ratings) if (!out.has(a.id)) out.set(a.id, a.assessmentNo);
  }
  // A rating of the page its 办件's list does not hold (it should, both read what counts) is still exported, as 1.
  return out;
}

async function invalidIds(store: Store, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const reviews = await store.getRatingReviews(ids);
  return new Set(reviews.filter((r) => r.verdict === 'INVALID').map((r) => r.ratingId));
}
