import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR } from '../../src/domain/calendar-data';
import { defaultRatingDue } from '../../src/domain/default-rating';
import { caseSeed, rng } from '../support/fuzz-prng';
import { AssessmentSettingsSchema, assessServiceCase, DEFAULT_ASSESSMENT_SETTINGS, type RatingAssessment, type ServiceCaseRating } from '../../src/domain/service-case-assessments';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const DAY = 24 * 60 * 60 * 1000;
const citizen = (id: string, ratedAt: number): ServiceCaseRating => ({ id, isDefault: false, ratedAt });

// A 办件 finished 2025-09-30: its default is due, and stamped, at the end of 2025-10-14.
const dueAt = (() => {
  const due = defaultRatingDue(at('2025-09-30T10:00:00'), SEED_CALENDAR);
  if (due.state !== 'KNOWN') throw new Error('2025 has a table');
  return due.dueAtMs;
})();
const theDefault: ServiceCaseRating = { id: 'default', isDefault: true, ratedAt: dueAt };

const outcomes = (list: RatingAssessment[]) => Object.fromEntries(list.map((r) => [r.id, [r.outcome, r.assessmentNo, r.because]]));

describe('which rating of a 办件 counts', () => {
  it('counts nothing for a 办件 without ratings', () => {
    expect(assessServiceCase([])).toEqual({ ratings: [], counted: null });
  });

  it('counts the default when nobody rated', () => {
    const a = assessServiceCase([theDefault]);
    expect(a.counted).toBe('default');
    expect(outcomes(a.ratings)).toEqual({ default: ['COUNTED', 1, null] });
  });

  it('lets a rating made before the default was due win, even delivered a week after the default was made', () => {
    // The kiosk was offline from 10-13 to 10-21: its rating of 10-13 (device time, corrected) arrives on 10-21,
    // after the job made the default on 10-15. Arrival order is not an input: the made time decides.
    const offline = citizen('kiosk-offline', at('2025-10-13T15:20:00'));
    const a = assessServiceCase([theDefault, offline]);
    expect(a.counted).toBe('kiosk-offline');
    expect(outcomes(a.ratings)).toEqual({
      'kiosk-offline': ['COUNTED', 1, null],
      default: ['DEFAULT_SUPERSEDED', null, 'kiosk-offline'],
    });
  });

  it('still lets a rating made in the last millisecond before the due instant win', () => {
    const a = assessServiceCase([theDefault, citizen('last', dueAt)]);
    expect(outcomes(a.ratings).default).toEqual(['DEFAULT_SUPERSEDED', null, 'last']);
    expect(a.counted).toBe('last');
  });

  it('makes a rating made after the default was due a 追评 that counts; the default stays as assessment 1', () => {
    const later = citizen('later', dueAt + 1);
    const a = assessServiceCase([later, theDefault]);
    expect(a.counted).toBe('later');
    expect(outcomes(a.ratings)).toEqual({ default: ['EARLIER_ASSESSMENT', 1, 'later'], later: ['COUNTED', 2, null] });
    expect(a.ratings.map((r) => r.id)).toEqual(['default', 'later']); // in made-time order
  });

  it('counts the latest of a citizen assessment and its 追评', () => {
    const first = citizen('first', at('2026-03-02T10:00:00'));
    const second = citizen('second', at('2026-03-20T10:00:00'));
    const a = assessServiceCase([second, first]);
    expect(a.counted).toBe('second');
    expect(outcomes(a.ratings)).toEqual({ first: ['EARLIER_ASSESSMENT', 1, 'second'], second: ['COUNTED', 2, null] });
  });

  it('accepts a 追评 exactly at the end of the window and refuses one a millisecond later', () => {
    const t0 = at('2026-03-02T10:00:00');
    const onTime = assessServiceCase([citizen('a1', t0), citizen('a2', t0 + 30 * DAY)]);
    expect(onTime.counted).toBe('a2');
    const late = assessServiceCase([citizen('a1', t0), citizen('a2', t0 + 30 * DAY + 1)]);
    expect(late.counted).toBe('a1');
    expect(outcomes(late.ratings)).toEqual({ a1: ['COUNTED', 1, null], a2: ['FOLLOW_UP_TOO_LATE', null, 'a1'] });
  });

  it('measures the window from the default when it is assessment 1, and takes a configured length', () => {
    const a = assessServiceCase([theDefault, citizen('late', dueAt + 8 * DAY)], { followUpWindowDays: 7 });
    expect(outcomes(a.ratings).late).toEqual(['FOLLOW_UP_TOO_LATE', null, 'default']);
    expect(a.counted).toBe('default');
    expect(assessServiceCase([theDefault, citizen('late', dueAt + 8 * DAY)]).counted).toBe('late'); // 30 days by default
  });

  it('refuses a third assessment, keeping the 追评 counted', () => {
    const t0 = at('2026-03-02T10:00:00');
    const a = assessServiceCase([citizen('a1', t0), citizen('a2', t0 + DAY), citizen('a3', t0 + 2 * DAY)]);
    expect(a.counted).toBe('a2');
    expect(outcomes(a.ratings)).toEqual({
      a1: ['EARLIER_ASSESSMENT', 1, 'a2'],
      a2: ['COUNTED', 2, null],
      a3: ['THIRD_ASSESSMENT', null, 'a2'],
    });
  });

  it('with a superseded default, two citizen ratings are the two assessments and a rating after the default a third', () => {
    const a = assessServiceCase([
      theDefault,
      citizen('kiosk', at('2025-10-09T09:00:00')),
      citizen('phone', at('2025-10-10T20:00:00')),
      citizen('after', dueAt + DAY),
    ]);
    expect(outcomes(a.ratings)).toEqual({
      kiosk: ['EARLIER_ASSESSMENT', 1, 'phone'],
      phone: ['COUNTED', 2, null],
      default: ['DEFAULT_SUPERSEDED', null, 'kiosk'],
      after: ['THIRD_ASSESSMENT', null, 'phone'],
    });
  });

  it('refuses a second default instead of failing', () => {
    const a = assessServiceCase([theDefault, { id: 'default-2', isDefault: true, ratedAt: dueAt }]);
    expect(outcomes(a.ratings)).toEqual({ default: ['COUNTED', 1, null], 'default-2': ['DUPLICATE_DEFAULT', null, 'default'] });
  });

  it('answers the same whatever order the ratings are given in, ties broken by id', () => {
    const t = at('2026-03-02T10:00:00');
    const list = [citizen('b', t), citizen('a', t), citizen('c', t + 1)];
    const expected = assessServiceCase(list);
    expect(outcomes(expected.ratings)).toEqual({ a: ['EARLIER_ASSESSMENT', 1, 'b'], b: ['COUNTED', 2, null], c: ['THIRD_ASSESSMENT', null, 'b'] });
    for (const order of [[2, 1, 0], [1, 2, 0], [0, 2, 1]]) {
      expect(assessServiceCase(order.map((i) => list[i]!))).toEqual(expected);
    }
  });
});

describe('AssessmentSettingsSchema', () => {
  it('accepts the default 30 days and refuses 0 or a fraction of a day', () => {
    expect(AssessmentSettingsSchema.safeParse(DEFAULT_ASSESSMENT_SETTINGS).success).toBe(true);
    expect(AssessmentSettingsSchema.safeParse({ followUpWindowDays: 0 }).success).toBe(false);
    expect(AssessmentSettingsSchema.safeParse({ followUpWindowDays: 1.5 }).success).toBe(false);
  });
});

describe('assessServiceCase invariants, seeded', () => {
  it('holds the rules for 500 random 办件', () => {
    const windowDays = 30;
    for (let run = 0; run < 500; run++) {
      const r = rng(caseSeed(1414, run));
      const list: ServiceCaseRating[] = Array.from({ length: r.int(6) }, (_, i) => citizen(`c${i}`, dueAt + (r.int(80) - 20) * DAY / 2));
      const hasDefault = r.chance(0.7);
      if (hasDefault) list.push(theDefault);
      const a = assessServiceCase(list);
      const by = new Map(a.ratings.map((x) => [x.id, x]));
      const label = `run ${run}: ${JSON.stringify(list)}`;
      expect(a.ratings.length, label).toBe(list.length);
      // The default is superseded exactly when a citizen rated by its due instant.
      const early = list.some((x) => !x.isDefault && x.ratedAt <= dueAt);
      if (hasDefault) expect(by.get('default')!.outcome === 'DEFAULT_SUPERSEDED', label).toBe(early);
      // At most one assessment 1 and one 2; the counted one is the latest assessment; 2 within the window of 1.
      const first = a.ratings.filter((x) => x.assessmentNo === 1);
      const second = a.ratings.filter((x) => x.assessmentNo === 2);
      expect(first.length, label).toBe(list.length > 0 ? 1 : 0);
      expect(second.length, label).toBeLessThanOrEqual(1);
      expect(a.counted, label).toBe((second[0] ?? first[0])?.id ?? null);
      expect(a.ratings.filter((x) => x.outcome === 'COUNTED').map((x) => x.id), label).toEqual(a.counted ? [a.counted] : []);
      const time = (id: string) => list.find((x) => x.id === id)!.ratedAt;
      if (second[0]) {
        expect(time(second[0].id) - time(first[0]!.id), label).toBeLessThanOrEqual(windowDays * DAY);
        expect(time(second[0].id), label).toBeGreaterThanOrEqual(time(first[0]!.id));
      }
      // Every refused rating was made after assessment 1; a refused one inside the window came after a 追评.
      for (const x of a.ratings.filter((y) => y.outcome === 'THIRD_ASSESSMENT' || y.outcome === 'FOLLOW_UP_TOO_LATE')) {
        expect(time(x.id), label).toBeGreaterThanOrEqual(time(first[0]!.id));
        if (x.outcome === 'THIRD_ASSESSMENT') expect(second.length, label).toBe(1);
        else expect(time(x.id) - time(first[0]!.id), label).toBeGreaterThan(windowDays * DAY);
      }
    }
  });
});
