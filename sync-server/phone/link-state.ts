import type { PhonePage } from '../../src/domain/rating-link';
import {
  assessServiceCase,
  REFUSED_ASSESSMENT_OUTCOMES,
  type AssessmentOutcome,
  type AssessmentSettings,
} from '../../src/domain/service-case-assessments';
import type { ServiceCaseRatingRow } from '../store/rating-link-rows';

const DAY_MS = 86_400_000;

/** What the 办件's ratings so far leave open on its link, judged by src/domain/service-case-assessments.ts. */
export interface LinkState {
  state: PhonePage['state'];
  /** Until when a 追评 is accepted (FOLLOW_UP; also kept once CLOSED by the period's end). */
  followUpUntil: number | null;
}

const asInput = (r: Pick<ServiceCaseRatingRow, 'id' | 'channel' | 'ratedAt'>) => ({ id: r.id, isDefault: r.channel === 'DEFAULT', ratedAt: r.ratedAt });

/**
 * OPEN with no assessment; FOLLOW_UP after assessment 1 (the citizen's or a default 满意 that stands) until the 追评
 * period ends; CLOSED once both assessments exist or the period is over.
 */
export function serviceCaseLinkState(rows: readonly ServiceCaseRatingRow[], settings: AssessmentSettings, now: number): LinkState {
  const { ratings } = assessServiceCase(rows.map(asInput), settings);
  const first = ratings.find((r) => r.assessmentNo === 1);
  if (!first) return { state: 'OPEN', followUpUntil: null };
  const until = rows.find((r) => r.id === first.id)!.ratedAt + settings.followUpWindowDays * DAY_MS;
  const hasSecond = ratings.some((r) => r.assessmentNo === 2);
  return { state: hasSecond || now > until ? 'CLOSED' : 'FOLLOW_UP', followUpUntil: until };
}

/** A new rating's place among the 办件's ratings: its assessment number, or the refusal (THIRD_ASSESSMENT, …). */
export function assessNewRating(
  rows: readonly ServiceCaseRatingRow[],
  candidate: { id: string; ratedAt: number },
  settings: AssessmentSettings,
): { assessmentNo: 1 | 2 } | { refused: AssessmentOutcome } {
  const { ratings } = assessServiceCase([...rows.map(asInput), { id: candidate.id, isDefault: false, ratedAt: candidate.ratedAt }], settings);
  const mine = ratings.find((r) => r.id === candidate.id)!;
  if (REFUSED_ASSESSMENT_OUTCOMES.includes(mine.outcome) || mine.assessmentNo === null) return { refused: mine.outcome };
  return { assessmentNo: mine.assessmentNo };
}
