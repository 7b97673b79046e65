import { describe, expect, it } from 'vitest';
import { PUBLISHED_CALENDAR_YEARS, SEED_CALENDAR } from '../../src/domain/calendar-data';
import { cstDate } from '../../src/domain/time';
import {
  addDays,
  addWorkingDays,
  CalendarError,
  type CalendarYear,
  dateSpan,
  dayKind,
  dayOfWeek,
  endOfDayCst,
  isValidDate,
  isWorkingDay,
  knownYears,
  makeCalendar,
  startOfDayCst,
  validateCalendarYear,
  withCalendarYear,
  workingDeadline,
} from '../../src/domain/workdays';

const cal = SEED_CALENDAR;
const codes = (input: unknown) => validateCalendarYear(input).map((p) => p.code);
const good = (): CalendarYear => ({ year: 2030, holidays: ['2030-01-01'], workdays: ['2030-01-05'], source: 'test notice' });

describe('dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-2-3')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate(20260101)).toBe(false);
    expect(() => isWorkingDay('2026/01/05', cal)).toThrow(RangeError);
  });
  it('does calendar arithmetic without the device zone', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(dateSpan('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(dayOfWeek('2026-02-14')).toBe(6);
  });
});

describe('China time', () => {
  it('gives the date in China around midnight there', () => {
    expect(cstDate(Date.parse('2026-02-13T16:30:00Z'))).toBe('2026-02-14');
    expect(cstDate(Date.parse('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(cstDate(Date.parse('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
  });
  it('ends a day at 23:59:59.999 China time, 15:59:59.999 UTC', () => {
    expect(endOfDayCst('2026-02-27')).toBe(Date.parse('2026-02-27T15:59:59.999Z'));
    expect(startOfDayCst('2026-02-28')).toBe(endOfDayCst('2026-02-27') + 1);
    expect(cstDate(endOfDayCst('2026-02-27'))).toBe('2026-02-27');
    expect(cstDate(endOfDayCst('2026-02-27') + 1)).toBe('2026-02-28');
  });
});

describe('working days', () => {
  it('meets the three examples of DOMAIN.md', () => {
    expect(addWorkingDays('2025-09-30', 5, cal)).toEqual({ date: '2025-10-14', certain: true, unknownYears: [] });
    expect(addWorkingDays('2026-02-13', 5, cal)).toEqual({ date: '2026-02-27', certain: true, unknownYears: [] });
    expect(addWorkingDays('2026-09-18', 5, cal)).toEqual({ date: '2026-09-24', certain: true, unknownYears: [] });
  });
  it('counts a make-up Saturday or Sunday', () => {
    expect(dayKind('2026-10-10', cal)).toBe('MAKEUP_WORKDAY');
    expect(addWorkingDays('2026-10-09', 1, cal).date).toBe('2026-10-10');
    expect(addWorkingDays('2026-02-13', 1, cal).date).toBe('2026-02-14');
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // a Sunday
    expect(isWorkingDay('2026-09-19', cal)).toBe(false); // an ordinary Saturday
  });
  it('does not count a holiday Monday', () => {
    expect(dayOfWeek('2026-04-06')).toBe(1);
    expect(dayKind('2026-04-06', cal)).toBe('HOLIDAY');
    expect(addWorkingDays('2026-04-03', 1, cal).date).toBe('2026-04-07');
    expect(addWorkingDays('2026-02-13', 2, cal).date).toBe('2026-02-24'); // 15–23 February off, 23rd a Monday
  });
  it('starts counting the day after the event, whatever kind of day the event is', () => {
    expect(addWorkingDays('2026-11-23', 1, cal).date).toBe('2026-11-24');
    expect(addWorkingDays('2026-10-01', 1, cal).date).toBe('2026-10-08');
    expect(() => addWorkingDays('2026-11-23', 0, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1.5, cal)).toThrow(RangeError);
  });
  it('says a year without a table is unknown instead of guessing from weekdays', () => {
    expect(knownYears(cal)).not.toContain(2027);
    expect(isWorkingDay('2027-10-01', cal)).toBeNull(); // National Day; a library would say "a Friday, working"
    expect(dayKind('2027-10-01', cal)).toBeNull();
    const r = addWorkingDays('2027-09-30', 1, cal);
    expect(r).toEqual({ date: '2027-10-01', certain: false, unknownYears: [2027] });
    expect(addWorkingDays('2027-03-10', 5, cal).certain).toBe(false);
  });
  it('is uncertain when a count from 2026 runs into 2027', () => {
    expect(addWorkingDays('2026-12-28', 5, cal)).toEqual({ date: '2027-01-04', certain: false, unknownYears: [2027] });
    expect(addWorkingDays('2026-12-31', 1, cal)).toEqual({ date: '2027-01-01', certain: false, unknownYears: [2027] });
    // Ending on 31 December stays inside 2026 and is certain.
    expect(addWorkingDays('2026-12-24', 5, cal)).toEqual({ date: '2026-12-31', certain: true, unknownYears: [] });
  });
  it('becomes certain once an administrator adds the year', () => {
    const with2027 = withCalendarYear(cal, {
      year: 2027,
      holidays: dateSpan('2027-01-01', '2027-01-03'),
      workdays: [],
      source: 'hypothetical table for the test',
    });
    expect(addWorkingDays('2026-12-31', 1, with2027)).toEqual({ date: '2027-01-04', certain: true, unknownYears: [] });
    expect(knownYears(with2027)).toEqual([2024, 2025, 2026, 2027]);
    expect(knownYears(cal)).toEqual([2024, 2025, 2026]); // the seed is untouched
  });
  it('gives a deadline at the end of the day in China from the event time', () => {
    // 2026-02-13T16:30Z is already Saturday 14 February in China: counting starts on the 15th, so 24–27 February
    // and the make-up Saturday 28 February are the five days.
    const d = workingDeadline(Date.parse('2026-02-13T16:30:00Z'), 5, cal);
    expect(d.date).toBe('2026-02-28');
    expect(d.certain).toBe(true);
    expect(d.deadlineMs).toBe(Date.parse('2026-02-28T15:59:59.999Z'));
    expect(workingDeadline(Date.parse('2026-02-13T15:59:00Z'), 5, cal).date).toBe('2026-02-27');
  });
});

describe('validateCalendarYear', () => {
  it('accepts a good table', () => {
    expect(validateCalendarYear(good())).toEqual([]);
  });
  it('rejects bad input with codes', () => {
    expect(codes(null)).toEqual(['NOT_AN_OBJECT']);
    expect(codes([])).toEqual(['NOT_AN_OBJECT']);
    expect(codes({ ...good(), year: 1999 })).toContain('YEAR_OUT_OF_RANGE');
    expect(codes({ ...good(), year: 2101 })).toContain('YEAR_OUT_OF_RANGE');
    expect(codes({ ...good(), year: 2030.5 })).toEqual(['YEAR_INVALID']);
    expect(codes({ ...good(), year: '2030' })).toEqual(['YEAR_INVALID']);
    expect(codes({ ...good(), holidays: '2030-01-01' })).toEqual(['LIST_NOT_ARRAY']);
    expect(codes({ ...good(), workdays: undefined })).toEqual(['LIST_NOT_ARRAY']);
    expect(codes({ ...good(), holidays: ['2030-1-1', 20300101] })).toEqual(['DATE_MALFORMED', 'DATE_MALFORMED']);
    expect(codes({ ...good(), holidays: ['2030-02-29'] })).toEqual(['DATE_INVALID']);
    expect(codes({ ...good(), holidays: ['2031-01-01'] })).toEqual(['DATE_OUTSIDE_YEAR']);
    expect(codes({ ...good(), holidays: ['2030-01-01', '2030-01-01'] })).toEqual(['DATE_DUPLICATE']);
    expect(codes({ ...good(), holidays: ['2030-01-05'] })).toEqual(['DATE_BOTH_HOLIDAY_AND_WORKDAY']);
    expect(codes({ ...good(), workdays: ['2030-01-07'] })).toEqual(['WORKDAY_NOT_ON_WEEKEND']); // a Monday
    expect(codes({ ...good(), source: '  ' })).toEqual(['SOURCE_EMPTY']);
    expect(codes({ ...good(), source: undefined })).toEqual(['SOURCE_EMPTY']);
    expect(codes({ ...good(), source: 'x'.repeat(1001) })).toEqual(['SOURCE_TOO_LONG']);
  });
  it('allows holidays on weekends', () => {
    expect(codes({ ...good(), holidays: ['2030-01-05'], workdays: [] })).toEqual([]);
  });
  it('points at the entry', () => {
    expect(validateCalendarYear({ ...good(), holidays: ['2030-01-01', '2030-02-30'] })).toEqual([
      { code: 'DATE_INVALID', field: 'holidays', index: 1, date: '2030-02-30' },
    ]);
  });
  it('keeps a bad table out of a calendar', () => {
    expect(() => makeCalendar([{ ...good(), source: '' }])).toThrow(CalendarError);
    expect(() => makeCalendar([good(), good()])).toThrow(/YEAR_DUPLICATE/);
  });
});

/**
 * The notices restated as [first, last] spans, independently of calendar-data.ts, with the document number each
 * source must cite. The spans are the notices' own lines: 国办发明电〔2023〕7号 (2024), 〔2024〕12号 (2025), 〔2025〕7号 (2026).
 */
const NOTICES: Record<number, { doc: string; off: [string, string][]; work: string[]; weekdayHolidays: string[] }> = {
  2024: {
    doc: '国办发明电〔2023〕7号',
    off: [
      ['2024-01-01', '2024-01-01'],
      ['2024-02-10', '2024-02-17'],
      ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'],
      ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    work: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
    weekdayHolidays: [
      '2024-01-01',
      '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16',
      '2024-04-04', '2024-04-05',
      '2024-05-01', '2024-05-02', '2024-05-03',
      '2024-06-10',
      '2024-09-16', '2024-09-17',
      '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07',
    ],
  },
  2025: {
    doc: '国办发明电〔2024〕12号',
    off: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    weekdayHolidays: [
      '2025-01-01',
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04',
      '2025-04-04',
      '2025-05-01', '2025-05-02', '2025-05-05',
      '2025-06-02',
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08',
    ],
  },
  2026: {
    doc: '国办发明电〔2025〕7号',
    off: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    weekdayHolidays: [
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
      '2026-04-06',
      '2026-05-01', '2026-05-04', '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
    ],
  },
};

describe('published tables', () => {
  it('are 2024, 2025 and 2026, and not 2027', () => {
    expect(PUBLISHED_CALENDAR_YEARS.map((t) => t.year)).toEqual([2024, 2025, 2026]);
  });
  it.each(PUBLISHED_CALENDAR_YEARS.map((t) => [t.year, t] as const))('%i passes validation and matches its notice', (year, t) => {
    expect(validateCalendarYear(t)).toEqual([]);
    const notice = NOTICES[year]!;
    expect(t.source).toContain(notice.doc);
    expect(t.source).toContain(`国务院办公厅关于${year}年部分节假日安排的通知`);
    expect([...t.holidays].sort()).toEqual(notice.off.flatMap(([a, b]) => dateSpan(a, b)).sort());
    expect([...t.workdays].sort()).toEqual([...notice.work].sort());
    // Monday-to-Friday holidays are exactly the ones the notice gives off.
    const weekdayHolidays = t.holidays.filter((d) => dayOfWeek(d) >= 1 && dayOfWeek(d) <= 5).sort();
    expect(weekdayHolidays).toEqual(notice.weekdayHolidays);
    // Every make-up day is a weekend day.
    for (const d of t.workdays) expect([0, 6]).toContain(dayOfWeek(d));
  });
  it('give the published totals of days off and make-up days', () => {
    const totals = PUBLISHED_CALENDAR_YEARS.map((t) => [t.year, t.holidays.length, t.workdays.length]);
    expect(totals).toEqual([
      [2024, 28, 8],
      [2025, 28, 5],
      [2026, 33, 6],
    ]);
  });
  it('take from Monday to Friday exactly the statutory days (11 until 2024, 13 from 2025), net of make-up days', () => {
    // 全国年节及纪念日放假办法: a statutory day falling on a weekend is given back on a weekday, and each make-up day
    // buys one more weekday off, so weekday holidays minus make-up days equals the statutory count.
    const statutory: Record<number, number> = { 2024: 11, 2025: 13, 2026: 13 };
    for (const t of PUBLISHED_CALENDAR_YEARS) {
      const weekdayHolidays = t.holidays.filter((d) => dayOfWeek(d) >= 1 && dayOfWeek(d) <= 5).length;
      expect([t.year, weekdayHolidays - t.workdays.length]).toEqual([t.year, statutory[t.year]]);
    }
  });
  it('leave 251, 248 and 248 working days in 2024, 2025 and 2026', () => {
    const count = (y: number) => dateSpan(`${y}-01-01`, `${y}-12-31`).filter((d) => isWorkingDay(d, cal)).length;
    expect([count(2024), count(2025), count(2026)]).toEqual([251, 248, 248]);
  });
});
