import { CST_OFFSET_MS, cstDate } from './time';

/**
 * Working days in China (DOMAIN.md, "Time and working days").
 *
 * A date is a calendar date in China Standard Time written "YYYY-MM-DD". A day is a working day if it is on the
 * State Council's list of make-up workdays (调休上班, usually a Saturday or Sunday), or it is Monday to Friday and
 * not on the list of holidays. The lists are published one year at a time, so the calendar keeps one table per
 * year with its source, and a year without a table is unknown: `isWorkingDay` answers null for it and
 * `addWorkingDays` answers an estimate from weekdays alone that is marked uncertain, never a silent guess.
 *
 * A table covers the dates of its own calendar year. A notice for year Y+1 occasionally moves a day at the end of
 * December of Y (the 2019 notice made 2018-12-29 a working day and 2018-12-31 a holiday); such a date goes into
 * the table of year Y, whose source then cites both notices.
 *
 * Pure functions and data: no DOM, no Node APIs, no clock.
 */

/** One year's published list. `workdays` are the make-up working days, which fall on weekends. */
export interface CalendarYear {
  year: number;
  /** Days off the notice lists, weekend days inside a holiday span included (allowed, not needed). */
  holidays: string[];
  /** Make-up working days (调休上班), each a Saturday or Sunday. */
  workdays: string[];
  /** Where the list comes from: the notice's title, document number, date and address. */
  source: string;
}

/** The tables the system knows, by year, with the lookups built from them. Make one with `makeCalendar`. */
export interface Calendar {
  readonly years: ReadonlyMap<number, Readonly<CalendarYear>>;
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

/** How a day counts, and why. */
export type DayKind =
  /** Monday to Friday, not a holiday. */
  | 'WEEKDAY'
  /** Saturday or Sunday, not a make-up workday. */
  | 'WEEKEND'
  /** On the year's list of holidays. */
  | 'HOLIDAY'
  /** On the year's list of make-up workdays. */
  | 'MAKEUP_WORKDAY';

export interface WorkingDayResult {
  /** The N-th working day after the start date; the deadline is the end of this day (`endOfDayCst`). */
  date: string;
  /** False when the count passed through a year without a table: `date` is then only an estimate from weekdays. */
  certain: boolean;
  /** The years without a table that the count passed through, ascending; empty when certain. */
  unknownYears: number[];
}

export interface WorkingDeadline extends WorkingDayResult {
  /** Unix ms of 23:59:59.999 China time on `date`. */
  deadlineMs: number;
}

/** Years an administrator may give a table for. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;
export const MAX_SOURCE_LENGTH = 1000;
/** Counts longer than this are refused: no rule in the domain counts more than a few dozen working days. */
export const MAX_WORKING_DAYS = 3660;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | null {
  const m = DATE_FORM.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(Date.UTC(2000, mo - 1, d));
  t.setUTCFullYear(y); // Date.UTC maps years 0..99 to 1900..1999
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return [y, mo, d];
}

/** Midnight UTC of the date, as a day number times DAY_MS: for arithmetic only, not an instant in China. */
function utcMidnight(date: string): number {
  const p = parts(date);
  if (!p) throw new RangeError(`not a calendar date "YYYY-MM-DD": ${JSON.stringify(date)}`);
  const t = new Date(Date.UTC(2000, p[1] - 1, p[2]));
  t.setUTCFullYear(p[0]);
  return t.getTime();
}

function fromUtcMidnight(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar date written "YYYY-MM-DD" (so "2026-02-29" and "2026-2-3" are false). */
export function isValidDate(date: unknown): date is string {
  return typeof date === 'string' && parts(date) !== null;
}

/** The year of a "YYYY-MM-DD" date. Throws RangeError for anything else. */
export function yearOf(date: string): number {
  utcMidnight(date);
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. Throws RangeError for a malformed date. */
export function dayOfWeek(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** The date `days` calendar days later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function dateSpan(from: string, to: string): string[] {
  const out: string[] = [];
  const end = utcMidnight(to);
  for (let t = utcMidnight(from); t <= end; t += DAY_MS) out.push(fromUtcMidnight(t));
  return out;
}

/** Unix ms of 00:00:00.000 China time on the date. */
export function startOfDayCst(date: string): number {
  return utcMidnight(date) - CST_OFFSET_MS;
}

/** Unix ms of 23:59:59.999 China time on the date: the moment a deadline "by the end of that day" passes. */
export function endOfDayCst(date: string): number {
  return startOfDayCst(date) + DAY_MS - 1;
}


// ---- Tables ----------------------------------------------------------------------------------------------------

/** Every problem the shared validator reports; the locale test checks each has a message in every language. */
export const CALENDAR_PROBLEM_CODES = [
  /** The input is not an object. */
  'NOT_AN_OBJECT',
  /** `year` is not a whole number. */
  'YEAR_INVALID',
  /** `year` is outside 2000..2100. */
  'YEAR_OUT_OF_RANGE',
  /** `holidays` or `workdays` is not an array (see `field`). */
  'LIST_NOT_ARRAY',
  /** An entry is not a string of the form "YYYY-MM-DD". */
  'DATE_MALFORMED',
  /** An entry has the form but is no calendar date ("2026-02-30"). */
  'DATE_INVALID',
  /** An entry is a date of another year than `year`. */
  'DATE_OUTSIDE_YEAR',
  /** An entry appears twice in the same list. */
  'DATE_DUPLICATE',
  /** A date is both a holiday and a make-up workday. */
  'DATE_BOTH_HOLIDAY_AND_WORKDAY',
  /** A make-up workday falls on Monday to Friday, which is a working day anyway: most likely a misplaced holiday. */
  'WORKDAY_NOT_ON_WEEKEND',
  /** `source` is missing, not a string, or blank. */
  'SOURCE_EMPTY',
  /** `source` is longer than MAX_SOURCE_LENGTH characters. */
  'SOURCE_TOO_LONG',
] as const;
export type CalendarProblemCode = (typeof CALENDAR_PROBLEM_CODES)[number];

export interface CalendarProblem {
  code: CalendarProblemCode;
  field: 'input' | 'year' | 'holidays' | 'workdays' | 'source';
  /** Position in the list, for problems with one entry. */
  index?: number;
  /** The entry, when it is a string. */
  date?: string;
}

/**
 * Checks an administrator's table for one year. Returns every problem found, as codes the server and the UI map to
 * their own messages; an empty list means the table is acceptable. Holidays on weekends are allowed (the notices
 * list whole spans), not needed.
 */
export function validateCalendarYear(input: unknown): CalendarProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ code: 'NOT_AN_OBJECT', field: 'input' }];
  const o = input as Record<string, unknown>;
  const problems: CalendarProblem[] = [];

  const year = o.year;
  let yearOk = false;
  if (typeof year !== 'number' || !Number.isInteger(year)) problems.push({ code: 'YEAR_INVALID', field: 'year' });
  else if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) problems.push({ code: 'YEAR_OUT_OF_RANGE', field: 'year' });
  else yearOk = true;

  const lists: Record<'holidays' | 'workdays', Set<string>> = { holidays: new Set(), workdays: new Set() };
  for (const field of ['holidays', 'workdays'] as const) {
    const list = o[field];
    if (!Array.isArray(list)) {
      problems.push({ code: 'LIST_NOT_ARRAY', field });
      continue;
    }
    list.forEach((entry: unknown, index) => {
      if (typeof entry !== 'string' || !DATE_FORM.test(entry)) {
        problems.push({ code: 'DATE_MALFORMED', field, index, ...(typeof entry === 'string' ? { date: entry } : {}) });
      } else if (!isValidDate(entry)) {
        problems.push({ code: 'DATE_INVALID', field, index, date: entry });
      } else if (yearOk && yearOf(entry) !== year) {
        problems.push({ code: 'DATE_OUTSIDE_YEAR', field, index, date: entry });
      } else if (lists[field].has(entry)) {
        problems.push({ code: 'DATE_DUPLICATE', field, index, date: entry });
      } else {
        lists[field].add(entry);
        if (field === 'workdays' && !isWeekend(entry)) problems.push({ code: 'WORKDAY_NOT_ON_WEEKEND', field, index, date: entry });
      }
    });
  }
  if (Array.isArray(o.workdays)) {
    o.workdays.forEach((entry: unknown, index) => {
      if (typeof entry === 'string' && lists.holidays.has(entry) && lists.workdays.has(entry)) {
        problems.push({ code: 'DATE_BOTH_HOLIDAY_AND_WORKDAY', field: 'workdays', index, date: entry });
      }
    });
  }

  const source = o.source;
  if (typeof source !== 'string' || source.trim() === '') problems.push({ code: 'SOURCE_EMPTY', field: 'source' });
  else if (source.length > MAX_SOURCE_LENGTH) problems.push({ code: 'SOURCE_TOO_LONG', field: 'source' });

  return problems;
}

/** Thrown by `makeCalendar` for a table that does not validate, or a year given twice. */
export class CalendarError extends Error {
  constructor(
    readonly year: unknown,
    readonly problems: readonly (CalendarProblem | { code: 'YEAR_DUPLICATE'; field: 'year' })[],
  ) {
    super(`calendar table for ${String(year)}: ${problems.map((p) => p.code).join(', ')}`);
    this.name = 'CalendarError';
  }
}

/**
 * Builds a calendar from tables. Every table must pass `validateCalendarYear` and each year may appear once;
 * otherwise it throws CalendarError, so a bad table never quietly becomes a wrong deadline. The tables are copied
 * (dates sorted) and frozen.
 */
export function makeCalendar(years: readonly CalendarYear[]): Calendar {
  const byYear = new Map<number, Readonly<CalendarYear>>();
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const t of years) {
    const problems = validateCalendarYear(t);
    if (problems.length > 0) throw new CalendarError((t as { year?: unknown } | null)?.year, problems);
    if (byYear.has(t.year)) throw new CalendarError(t.year, [{ code: 'YEAR_DUPLICATE', field: 'year' }]);
    const copy: CalendarYear = {
      year: t.year,
      holidays: Object.freeze([...t.holidays].sort()) as string[],
      workdays: Object.freeze([...t.workdays].sort()) as string[],
      source: t.source.trim(),
    };
    byYear.set(t.year, Object.freeze(copy));
    for (const d of copy.holidays) holidays.add(d);
    for (const d of copy.workdays) workdays.add(d);
  }
  const sorted = new Map([...byYear].sort((a, b) => a[0] - b[0]));
  return Object.freeze({ years: sorted, holidays, workdays });
}

/** The same calendar with one year's table added or replaced (an administrator's correction). */
export function withCalendarYear(calendar: Calendar, table: CalendarYear): Calendar {
  return makeCalendar([...[...calendar.years.values()].filter((t) => t.year !== table.year), table]);
}

/** The years that have a table, ascending. */
export function knownYears(calendar: Calendar): number[] {
  return [...calendar.years.keys()];
}


// ---- Working days ----------------------------------------------------------------------------------------------

/** How the date counts, or null when its year has no table. Throws RangeError for a malformed date. */
export function dayKind(date: string, calendar: Calendar): DayKind | null {
  const year = yearOf(date);
  if (!calendar.years.has(year)) return null;
  if (calendar.workdays.has(date)) return 'MAKEUP_WORKDAY';
  if (calendar.holidays.has(date)) return 'HOLIDAY';
  return isWeekend(date) ? 'WEEKEND' : 'WEEKDAY';
}

/** Whether the date is a working day in China; null when its year has no table. */
export function isWorkingDay(date: string, calendar: Calendar): boolean | null {
  const kind = dayKind(date, calendar);
  return kind === null ? null : kind === 'WEEKDAY' || kind === 'MAKEUP_WORKDAY';
}

/**
 * The N-th working day after `date` (counting starts the day after; `n` a whole number from 1 to MAX_WORKING_DAYS).
 * Days in a year without a table are counted from weekdays alone, and the answer then says `certain: false` and
 * lists those years: show it as an estimate ("about …"), never as a deadline.
 */
export function addWorkingDays(date: string, n: number, calendar: Calendar): WorkingDayResult {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be a whole number from 1 to ${MAX_WORKING_DAYS}: ${n}`);
  }
  const unknown = new Set<number>();
  let t = utcMidnight(date);
  let counted = 0;
  let day = date;
  while (counted < n) {
    t += DAY_MS;
    day = fromUtcMidnight(t);
    let working = isWorkingDay(day, calendar);
    if (working === null) {
      unknown.add(yearOf(day));
      working = !isWeekend(day);
    }
    if (working) counted++;
  }
  const unknownYears = [...unknown].sort((a, b) => a - b);
  return { date: day, certain: unknownYears.length === 0, unknownYears };
}

/**
 * The deadline "+N working days" after an event at `eventMs`: the event's date in China, the N-th working day after
 * it, and the end of that day.
 */
export function workingDeadline(eventMs: number, n: number, calendar: Calendar): WorkingDeadline {
  const result = addWorkingDays(cstDate(eventMs), n, calendar);
  return { ...result, deadlineMs: endOfDayCst(result.date) };
}
