import * as z from 'zod/mini';

/**
 * Which of a 办件's (serviceCase's) ratings counts, and what becomes of the others: the default 满意, the citizen's
 * assessment 1, the 追评 (追加评价, assessment 2), and anything beyond. Pure: the server applies it when a rating or a
 * default is stored, the figures read its answer; nothing is ever deleted, every rating keeps its outcome code.
 *
 * The rules (issue 14, DOMAIN.md "Service cases"):
 * - Ratings are ordered by the time they were made: a citizen rating by its corrected device time, the default by
 *   its due instant (default-rating.ts). Not by arrival: a kiosk offline for a week delivers late what was made early.
 * - A citizen rating made at or before the default's due instant wins over the default: the default is SUPERSEDED,
 *   kept and not counted. Such a rating can arrive after the default was made; the answer is the same.
 * - What is left, in time order, are the assessments. The first is assessment 1. The next is the 追评, assessment 2,
 *   if it was made within `followUpWindowDays` of assessment 1 (a default that stands is assessment 1, so a rating
 *   made after it is a 追评); later than that it is refused (FOLLOW_UP_TOO_LATE). A 办件 has at most two
 *   assessments: any further one is refused (THIRD_ASSESSMENT).
 * - The figures count the 办件's latest assessment (COUNTED); assessment 1 is then kept as EARLIER_ASSESSMENT.
 *
 * The window is measured in exact days of 24 hours from assessment 1's time, both ends included: a 追评 made exactly
 * 30 × 24 h later is accepted. A second default (the unique key on the 办件 should make it impossible) is refused
 * as DUPLICATE_DEFAULT rather than thrown, so one bad row cannot stop the figures.
 *
 * The device's own `assessmentNo` is what the device believed (the phone page says "追评" when its token was used);
 * the number here is decided from all the 办件's ratings and is the one the figures and exports use.
 */

export const DEFAULT_FOLLOW_UP_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every outcome a rating of a 办件 can have; the UI gives each a message later (codes only for now). */
export const ASSESSMENT_OUTCOMES = [
  /** The 办件's latest assessment: the one the figures count. */
  'COUNTED',
  /** Assessment 1 when a 追评 follows: kept and shown, not counted. */
  'EARLIER_ASSESSMENT',
  /** The default 满意, overtaken by a citizen rating made before it was due: kept, not counted. */
  'DEFAULT_SUPERSEDED',
  /** A further default for a 办件 that already has one. */
  'DUPLICATE_DEFAULT',
  /** A rating after the 办件's two assessments (one assessment and one 追评 per 办件). */
  'THIRD_ASSESSMENT',
  /** A would-be 追评 made after the window following assessment 1 closed. */
  'FOLLOW_UP_TOO_LATE',
] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/** The outcomes that leave a rating out of a 办件's assessments altogether (shown as refused, with the code). */
export const REFUSED_ASSESSMENT_OUTCOMES: readonly AssessmentOutcome[] = ['DUPLICATE_DEFAULT', 'THIRD_ASSESSMENT', 'FOLLOW_UP_TOO_LATE'];

export interface ServiceCaseRating {
  id: string;
  /** True for the default 满意 the server made (channel DEFAULT). */
  isDefault: boolean;
  /** When it was made: a citizen's corrected device time; the default's due instant. Unix ms. */
  ratedAt: number;
}

export interface AssessmentSettings {
  /** How long after assessment 1 a 追评 is accepted, in days of 24 h. */
  followUpWindowDays: number;
}

/** The settings as an administrator may set them: a 追评 window of a day to a year. */
export const AssessmentSettingsSchema = z.strictObject({
  followUpWindowDays: z.int().check(z.minimum(1), z.maximum(366)),
});

export const DEFAULT_ASSESSMENT_SETTINGS: Readonly<AssessmentSettings> = Object.freeze({
  followUpWindowDays: DEFAULT_FOLLOW_UP_WINDOW_DAYS,
});

export interface RatingAssessment {
  id: string;
  outcome: AssessmentOutcome;
  /** 1 or 2 for the 办件's assessments, null for a superseded or refused rating. */
  assessmentNo: 1 | 2 | null;
  /**
   * The rating behind the outcome: the citizen rating that superseded the default, the default kept over a duplicate,
   * the assessment 1 a late 追评 is measured against, the 追评 that took the last slot, the 追评 that counts instead of
   * assessment 1; null for COUNTED.
   */
  because: string | null;
}

export interface ServiceCaseAssessments {
  /** One entry per rating given, in the order they were made. */
  ratings: RatingAssessment[];
  /** The rating the figures count for this 办件; null when it has none. */
  counted: string | null;
}

/** Made-time order; the id (a UUIDv7, minted at the tap) breaks a tie so the answer never depends on input order. */
function byMadeTime(a: ServiceCaseRating, b: ServiceCaseRating): number {
  return a.ratedAt - b.ratedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Decides every rating of one 办件 (see the module comment). */
export function assessServiceCase(
  ratings: readonly ServiceCaseRating[],
  settings: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS,
): ServiceCaseAssessments {
  const windowMs = settings.followUpWindowDays * DAY_MS;
  const sorted = [...ratings].sort(byMadeTime);
  const out = new Map<string, RatingAssessment>();

  const defaults = sorted.filter((r) => r.isDefault);
  const theDefault = defaults[0];
  for (const extra of defaults.slice(1)) {
    out.set(extra.id, { id: extra.id, outcome: 'DUPLICATE_DEFAULT', assessmentNo: null, because: theDefault!.id });
  }
  // The earliest citizen rating made by the due instant supersedes the default; the default then takes no slot.
  const winner = theDefault && sorted.find((r) => !r.isDefault && r.ratedAt <= theDefault.ratedAt);
  if (theDefault && winner) {
    out.set(theDefault.id, { id: theDefault.id, outcome: 'DEFAULT_SUPERSEDED', assessmentNo: null, because: winner.id });
  }

  const candidates = sorted.filter((r) => !out.has(r.id));
  const first = candidates[0];
  let second: ServiceCaseRating | undefined;
  for (const r of candidates.slice(1)) {
    if (second) out.set(r.id, { id: r.id, outcome: 'THIRD_ASSESSMENT', assessmentNo: null, because: second.id });
    else if (r.ratedAt - first!.ratedAt > windowMs) out.set(r.id, { id: r.id, outcome: 'FOLLOW_UP_TOO_LATE', assessmentNo: null, because: first!.id });
    else second = r;
  }
  if (first) {
    out.set(first.id, second
      ? { id: first.id, outcome: 'EARLIER_ASSESSMENT', assessmentNo: 1, because: second.id }
      : { id: first.id, outcome: 'COUNTED', assessmentNo: 1, because: null });
  }
  if (second) out.set(second.id, { id: second.id, outcome: 'COUNTED', assessmentNo: 2, because: null });

  return { ratings: sorted.map((r) => out.get(r.id)!), counted: (second ?? first)?.id ?? null };
}
