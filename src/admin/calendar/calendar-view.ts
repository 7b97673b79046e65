import { ADMIN_CALENDAR_PATH } from '../../domain/admin-api';
import { dateSpan, dayKind, dayOfWeek, isValidDate, isWeekend, makeCalendar, type Calendar, type CalendarYear, type DayKind } from '../../domain/workdays';

// What the working-day calendar tab (工作日历) shows of the stored tables: counts, changes, the source's links and
// the month grids. Pure, so it can be tested without a browser.

export { ADMIN_CALENDAR_PATH };

/** GET /api/v1/admin/calendar: the tables, and this year and next when they have none. */
export interface CalendarAnswer {
  years: CalendarYear[];
  missingYears: number[];
}

export interface TableCounts {
  holidays: number;
  /** Holidays from Monday to Friday: the days the list actually takes out of the working week. */
  holidaysOnWeekdays: number;
  workdays: number;
}

export function tableCounts(table: Pick<CalendarYear, 'holidays' | 'workdays'>): TableCounts {
  const holidays = [...new Set(table.holidays)].filter(isValidDate);
  return {
    holidays: holidays.length,
    holidaysOnWeekdays: holidays.filter((d) => !isWeekend(d)).length,
    workdays: new Set(table.workdays.filter(isValidDate)).size,
  };
}

export interface TableDiff {
  holidaysAdded: string[];
  holidaysRemoved: string[];
  workdaysAdded: string[];
  workdaysRemoved: string[];
  sourceChanged: boolean;
}

/** What saving `next` over `before` changes. */
export function tableDiff(before: CalendarYear, next: CalendarYear): TableDiff {
  const minus = (a: readonly string[], b: readonly string[]) => {
    const other = new Set(b);
    return [...new Set(a)].filter((d) => !other.has(d)).sort();
  };
  return {
    holidaysAdded: minus(next.holidays, before.holidays),
    holidaysRemoved: minus(before.holidays, next.holidays),
    workdaysAdded: minus(next.workdays, before.workdays),
    workdaysRemoved: minus(before.workdays, next.workdays),
    sourceChanged: next.source.trim() !== before.source.trim(),
  };
}

export function isEmptyDiff(d: TableDiff): boolean {
  return !d.sourceChanged && d.holidaysAdded.length + d.holidaysRemoved.length + d.workdaysAdded.length + d.workdaysRemoved.length === 0;
}

/** The year a new table is most likely for: the first missing one, else the year after the last known. */
export function suggestedYear(answer: CalendarAnswer | null, today: string): number {
  if (answer && answer.missingYears.length > 0) return Math.min(...answer.missingYears);
  const known = answer?.years.map((y) => y.year) ?? [];
  return known.length > 0 ? Math.max(...known) + 1 : Number(today.slice(0, 4));
}

/** The year the tab shows: the one picked while it has a table, else this year's, else the latest; null for none. */
export function shownYearOf(known: readonly number[], picked: number | null, today: string): number | null {
  if (picked !== null && known.includes(picked)) return picked;
  const thisYear = Number(today.slice(0, 4));
  if (known.includes(thisYear)) return thisYear;
  return known.length > 0 ? Math.max(...known) : null;
}

/** The table's source with its web addresses apart, to show them as links. */
export function sourceParts(source: string): { text: string; url?: string }[] {
  const parts: { text: string; url?: string }[] = [];
  let at = 0;
  // An address ends at the first character no address has (a space, Chinese text or punctuation, a bracket), and
  // a full stop or comma after it is the sentence's, not the address's.
  for (const m of source.matchAll(/https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]+/g)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    if (m.index > at) parts.push({ text: source.slice(at, m.index) });
    parts.push({ text: url, url });
    at = m.index + url.length;
  }
  if (at < source.length) parts.push({ text: source.slice(at) });
  return parts;
}

export interface DayCell {
  date: string;
  day: number;
  /** How the day counts by the table; null for a year without one. */
  kind: DayKind | null;
}

export interface MonthGrid {
  /** 1 to 12. */
  month: number;
  /** Weeks from Monday to Sunday; null pads the days of other months. */
  weeks: (DayCell | null)[][];
}

/** A calendar of one table only, or null when the table does not validate (it then cannot be drawn). */
export function calendarOf(table: CalendarYear): Calendar | null {
  try {
    return makeCalendar([table]);
  } catch {
    return null;
  }
}

/** Weekday columns Monday first, as Chinese calendars print them: the values are dayOfWeek's (0 = Sunday). */
export const WEEK_COLUMNS = [1, 2, 3, 4, 5, 6, 0] as const;

/** The twelve months of a year, each day marked by `dayKind` (holiday, make-up workday, weekend, weekday). */
export function yearGrid(year: number, calendar: Calendar): MonthGrid[] {
  const months: MonthGrid[] = [];
  for (const date of dateSpan(`${year}-01-01`, `${year}-12-31`)) {
    const month = Number(date.slice(5, 7));
    const column = (dayOfWeek(date) + 6) % 7;
    let grid = months[month - 1];
    if (!grid) {
      grid = { month, weeks: [Array<DayCell | null>(7).fill(null)] };
      months.push(grid);
    } else if (column === 0) grid.weeks.push(Array<DayCell | null>(7).fill(null));
    grid.weeks.at(-1)![column] = { date, day: Number(date.slice(8, 10)), kind: dayKind(date, calendar) };
  }
  return months;
}
