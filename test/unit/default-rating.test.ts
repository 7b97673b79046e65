import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR } from '../../src/domain/calendar-data';
import {
  defaultCandidatesFinishedBefore,
  defaultRatingDue,
  isDefaultDue,
  makeDefaultRatingDueLookup,
  needsDefaultRating,
  type DefaultRatingDue,
} from '../../src/domain/default-rating';
import { addDays, endOfDayCst, startOfDayCst, withCalendarYear } from '../../src/domain/workdays';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const known = (due: DefaultRatingDue) => {
  if (due.state !== 'KNOWN') throw new Error(`expected a known due date, got ${JSON.stringify(due)}`);
  return due;
};

describe('the default 满意: when it is due', () => {
  it('finished 2025-09-30 → due at the end of 2025-10-14', () => {
    // 2025 table: 10-01..10-08 off (国庆 + 中秋), 10-11 (Saturday) a make-up workday. Counting from 10-01:
    // 10-09 (1), 10-10 (2), 10-11 (3, make-up Saturday), 10-12 Sunday, 10-13 (4), 10-14 (5).
    const due = known(defaultRatingDue(at('2025-09-30T10:00:00'), SEED_CALENDAR));
    expect(due.date).toBe('2025-10-14');
    expect(due.dueAtMs).toBe(at('2025-10-14T23:59:59.999'));
  });

  it('finished 2026-02-13 → due at the end of 2026-02-27', () => {
    // 2026 table: 02-14 (Saturday) a make-up workday, 02-15..02-23 off (春节). Counting from 02-14:
    // 02-14 (1), 02-24 (2), 02-25 (3), 02-26 (4), 02-27 (5).
    expect(known(defaultRatingDue(at('2026-02-13T16:00:00'), SEED_CALENDAR)).date).toBe('2026-02-27');
  });

  it('never counts the finish day, whatever its hour: counting it would break both published examples', () => {
    // Both examples finish on an ordinary working day; counted, they would give 10-13 and 02-26.
    expect(known(defaultRatingDue(at('2025-09-30T00:00:00'), SEED_CALENDAR)).date).toBe('2025-10-14');
    expect(known(defaultRatingDue(at('2026-02-13T23:00:00'), SEED_CALENDAR)).date).toBe('2026-02-27');
    expect(known(defaultRatingDue(at('2026-02-13T23:59:59.999'), SEED_CALENDAR)).date).toBe('2026-02-27');
    // One millisecond later it is the make-up Saturday 02-14, which is then the finish day and not counted either:
    // 02-24, 25, 26, 27 and the make-up Saturday 02-28.
    expect(known(defaultRatingDue(at('2026-02-14T00:00:00'), SEED_CALENDAR)).date).toBe('2026-02-28');
  });

  it('gives a Friday, a Saturday and a Sunday finish the same due date', () => {
    // 2026-11-13 is a Friday, no holidays in the following week.
    const friday = known(defaultRatingDue(at('2026-11-13T09:00:00'), SEED_CALENDAR));
    expect(friday.date).toBe('2026-11-20');
    expect(known(defaultRatingDue(at('2026-11-14T11:00:00'), SEED_CALENDAR)).date).toBe('2026-11-20');
    expect(known(defaultRatingDue(at('2026-11-15T23:30:00'), SEED_CALENDAR)).date).toBe('2026-11-20');
    expect(known(defaultRatingDue(at('2026-11-16T00:00:00'), SEED_CALENDAR)).date).toBe('2026-11-23');
  });

  it('takes the finish date in China, whatever zone the instant is written in', () => {
    // 2026-02-13T16:30Z is 2026-02-14 00:30 in China.
    expect(known(defaultRatingDue(Date.parse('2026-02-13T16:30:00Z'), SEED_CALENDAR)).date).toBe('2026-02-28');
  });

  it('waits, never guesses, when the count runs into a year without a table, and names that year', () => {
    // 2026-12-28 (Monday): 12-29, 12-30, 12-31 are known, the rest falls in 2027, which has no table.
    const due = defaultRatingDue(at('2026-12-28T10:00:00'), SEED_CALENDAR);
    expect(due).toEqual({ state: 'WAITING', finishDate: '2026-12-28', missingYears: [2027], estimate: '2027-01-04' });
    expect(isDefaultDue(due, at('2027-06-01T00:00:00'))).toBe(false);
    expect(needsDefaultRating(due, [], false)).toBe(false);
    // A finish inside a table-less year waits too; so does one in a past year without a table.
    expect(defaultRatingDue(at('2027-03-01T10:00:00'), SEED_CALENDAR)).toMatchObject({ state: 'WAITING', missingYears: [2027] });
    expect(defaultRatingDue(at('2023-12-20T10:00:00'), SEED_CALENDAR)).toMatchObject({ state: 'WAITING', missingYears: [2023] });
    // 2026-12-21: 12-22..12-28 stay inside 2026, so it is known.
    expect(known(defaultRatingDue(at('2026-12-21T10:00:00'), SEED_CALENDAR)).date).toBe('2026-12-28');
  });

  it('is decided once the table is entered: the waiting 办件 becomes due', () => {
    const with2027 = withCalendarYear(SEED_CALENDAR, {
      year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'test table for 2027 (not the real notice)',
    });
    // 12-29 (1), 12-30 (2), 12-31 (3), 01-01 off, 01-02/03 weekend, 01-04 (4), 01-05 (5).
    expect(known(defaultRatingDue(at('2026-12-28T10:00:00'), with2027)).date).toBe('2027-01-05');
  });

  it('is due only once the whole 5th working day has passed', () => {
    const due = defaultRatingDue(at('2026-10-07T10:00:00'), SEED_CALENDAR);
    // 10-08 (1), 10-09 (2), 10-10 make-up Saturday (3), 10-12 (4), 10-13 (5).
    expect(known(due).date).toBe('2026-10-13');
    expect(isDefaultDue(due, at('2026-10-13T23:59:59.999'))).toBe(false);
    expect(isDefaultDue(due, at('2026-10-14T00:00:00'))).toBe(true);
  });

  it('answers the same through the per-date lookup', () => {
    const lookup = makeDefaultRatingDueLookup(SEED_CALENDAR);
    for (const iso of ['2025-09-30T08:00:00', '2025-09-30T20:00:00', '2026-02-13T10:00:00', '2026-12-28T10:00:00']) {
      expect(lookup(at(iso))).toEqual(defaultRatingDue(at(iso), SEED_CALENDAR));
    }
    expect(lookup(at('2025-09-30T08:00:00'))).toBe(lookup(at('2025-09-30T20:00:00')));
  });

  it('never leaves a due 办件 out of the prefilter, and leaves out only ones not yet due', () => {
    // Every finish day in the tables' span, against as-of dates around its due date.
    for (let d = '2024-01-01'; d <= '2026-12-20'; d = addDays(d, 1)) {
      const due = defaultRatingDue(startOfDayCst(d), SEED_CALENDAR);
      if (due.state !== 'KNOWN') continue;
      const lastInstant = endOfDayCst(d);
      for (const asOf of [due.dueAtMs, due.dueAtMs + 1]) {
        const cutoff = defaultCandidatesFinishedBefore(asOf);
        if (isDefaultDue(due, asOf)) expect(lastInstant < cutoff, `${d} due at ${asOf}`).toBe(true);
      }
    }
    // On a plain week: as of Tuesday 2026-11-17, 办件 finished from Thursday 11-12 on cannot be due (11-09 is, at the
    // end of Monday 11-16; 11-11 is not, but a prefilter may keep a few too many, never too few).
    expect(defaultCandidatesFinishedBefore(at('2026-11-17T00:00:00'))).toBe(at('2026-11-12T00:00:00'));
  });
});

describe('does a finished 办件 need its default?', () => {
  const due = defaultRatingDue(at('2025-09-30T10:00:00'), SEED_CALENDAR); // due at the end of 2025-10-14
  it('yes, with no rating at all', () => expect(needsDefaultRating(due, [], false)).toBe(true));
  it('no, once a default exists', () => expect(needsDefaultRating(due, [], true)).toBe(false));
  it('no, with a citizen rating made up to the due instant, whenever it arrived', () => {
    expect(needsDefaultRating(due, [at('2025-10-14T23:59:59.999')], false)).toBe(false);
    expect(needsDefaultRating(due, [at('2025-09-30T10:05:00')], false)).toBe(false);
  });
  it('yes, when the only citizen rating was made after the due instant: that one is a 追评', () => {
    expect(needsDefaultRating(due, [at('2025-10-15T00:00:00')], false)).toBe(true);
  });
});
