import type { TFunction } from 'i18next';
import {
  CALENDAR_PROBLEM_CODES,
  dayOfWeek,
  isValidDate,
  MAX_CALENDAR_YEAR,
  MAX_SOURCE_LENGTH,
  MIN_CALENDAR_YEAR,
  validateCalendarYear,
  type CalendarProblemCode,
  type CalendarYear,
} from '../../domain/workdays';
import { MAX_RANGE_DAYS, parseDateLines, type LineProblemCode, type ParsedDates } from './calendar-lines';

// Checking the calendar editor's draft on the device with the validator the server uses, reading the server's
// refusal, and saying each problem next to its field in the user's language.

export { CALENDAR_PROBLEM_CODES };

/** The editor's fields as typed. */
export interface CalendarDraft {
  year: string;
  source: string;
  holidays: string;
  workdays: string;
}

export type EditorField = 'input' | 'year' | 'source' | 'holidays' | 'workdays';

/** A problem to show next to a field: one per line and kind, however many dates of the line it concerns. */
export interface EditorProblem {
  field: EditorField;
  code: CalendarProblemCode | LineProblemCode | 'SERVER_OTHER';
  /** The line of the text area, when known. */
  line?: number;
  /** The (first) date concerned. */
  date?: string;
  /** The line's text, for lines that could not be read; the server's words for SERVER_OTHER. */
  text?: string;
  /** How many further dates of the same line have the same problem. */
  more: number;
}

export interface CheckedDraft {
  /** The year typed, or NaN. */
  year: number;
  holidays: ParsedDates;
  workdays: ParsedDates;
  /** What would be sent: the dates sorted, the source trimmed. */
  table: CalendarYear;
  /** Empty when the table may be sent. */
  problems: EditorProblem[];
}

const FIELD_ORDER: Record<EditorField, number> = { input: 0, year: 1, source: 2, holidays: 3, workdays: 4 };

/** The year typed: digits only, else NaN (which the validator calls YEAR_INVALID). */
export function parseYear(text: string): number {
  const t = text.normalize('NFKC').trim();
  return /^\d{1,4}$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * Reads and checks the editor's fields on the device, with the validator the server uses, and maps every problem
 * to its field and line.
 */
export function checkDraft(draft: CalendarDraft): CheckedDraft {
  const year = parseYear(draft.year);
  const parsed = { holidays: parseDateLines(draft.holidays), workdays: parseDateLines(draft.workdays) };
  const candidate = { year, holidays: parsed.holidays.dates, workdays: parsed.workdays.dates, source: draft.source.trim() };
  const problems: EditorProblem[] = [];
  for (const field of ['holidays', 'workdays'] as const) {
    for (const p of parsed[field].problems) problems.push({ field, code: p.code, line: p.line, text: p.text, more: 0 });
  }
  for (const p of validateCalendarYear(candidate)) {
    const line = (p.field === 'holidays' || p.field === 'workdays') && p.index !== undefined ? parsed[p.field].lines[p.index] : undefined;
    addGrouped(problems, { field: p.field, code: p.code, line, date: p.date, more: 0 });
  }
  problems.sort((a, b) => FIELD_ORDER[a.field] - FIELD_ORDER[b.field] || (a.line ?? 0) - (b.line ?? 0));
  const table: CalendarYear = {
    year,
    holidays: [...candidate.holidays].sort(),
    workdays: [...candidate.workdays].sort(),
    source: candidate.source,
  };
  return { year, ...parsed, table, problems };
}

/** Adds a problem, or counts it with an earlier one of the same field, line and code (a range outside the year). */
function addGrouped(problems: EditorProblem[], p: EditorProblem) {
  const same = p.line === undefined ? undefined : problems.find((q) => q.field === p.field && q.code === p.code && q.line === p.line);
  if (same) same.more++;
  else problems.push(p);
}

const SERVER_PART = /^(input|year|holidays|workdays|source): ([A-Z_]+)(?: (\S+))?$/;

/**
 * The server's CALENDAR_INVALID message ("workdays: WORKDAY_NOT_ON_WEEKEND 2027-10-08; source: SOURCE_EMPTY") as
 * problems next to the fields of the table that was sent; a part it cannot read is kept in the server's words.
 */
export function serverProblems(message: string, sent: CheckedDraft): EditorProblem[] {
  const problems: EditorProblem[] = [];
  for (const part of message.split('; ').map((s) => s.trim()).filter(Boolean)) {
    const m = SERVER_PART.exec(part);
    const code = m?.[2] as CalendarProblemCode | undefined;
    if (!m || !code || !CALENDAR_PROBLEM_CODES.includes(code)) {
      problems.push({ field: 'input', code: 'SERVER_OTHER', text: part, more: 0 });
      continue;
    }
    const field = m[1] as EditorField;
    const date = m[3];
    let line: number | undefined;
    if (date && (field === 'holidays' || field === 'workdays')) {
      const parsed = sent[field];
      // A duplicate is reported at its second occurrence.
      const index = code === 'DATE_DUPLICATE' ? parsed.dates.lastIndexOf(date) : parsed.dates.indexOf(date);
      if (index >= 0) line = parsed.lines[index];
    }
    addGrouped(problems, { field, code, line, date, more: 0 });
  }
  return problems;
}

/** One problem in the user's language, with its line when it has one. */
export function problemText(t: TFunction, p: EditorProblem, year: number): string {
  const weekday = p.date && isValidDate(p.date) ? t(`calendar.weekdays.long.${dayOfWeek(p.date)}`) : '';
  const date = p.date && p.more > 0 ? t('calendar.problems.andMore', { date: p.date, count: p.more }) : (p.date ?? '');
  const message = t(`calendar.problems.${p.code}`, {
    date,
    text: p.text ?? '',
    weekday,
    year: Number.isInteger(year) ? year : '',
    min: MIN_CALENDAR_YEAR,
    max: p.code === 'SOURCE_TOO_LONG' ? MAX_SOURCE_LENGTH : p.code === 'RANGE_TOO_LONG' ? MAX_RANGE_DAYS : MAX_CALENDAR_YEAR,
  });
  return p.line === undefined ? message : t('calendar.problems.atLine', { line: p.line, message });
}
