import { addDays, dateSpan, isValidDate } from '../../domain/workdays';

// The editor's text areas of the working-day calendar: one date or range per line, read into dates and written
// back from them. Whether a date is real, in the year and not repeated is left to the shared validator.

/** A range longer than this is a typing slip: the longest holiday span in the notices is nine days. */
export const MAX_RANGE_DAYS = 31;

export type LineProblemCode =
  /** The entry is neither a date nor a range of dates. */
  | 'LINE_UNREADABLE'
  /** A range whose end comes before its start. */
  | 'RANGE_BACKWARDS'
  /** A range longer than MAX_RANGE_DAYS. */
  | 'RANGE_TOO_LONG'
  /** A range with an end that is no calendar date ("2027-02-30"). */
  | 'RANGE_DATE_INVALID';

export const LINE_PROBLEM_CODES: readonly LineProblemCode[] = ['LINE_UNREADABLE', 'RANGE_BACKWARDS', 'RANGE_TOO_LONG', 'RANGE_DATE_INVALID'];

export interface ParsedDates {
  /** The dates read, in the order written ("YYYY-MM-DD", not yet checked beyond their form). */
  dates: string[];
  /** The line (from 1) each date came from, parallel to `dates`. */
  lines: number[];
  problems: { code: LineProblemCode; line: number; text: string }[];
}

const YMD = String.raw`(\d{4})\s*(?:[-/]|年)\s*(\d{1,2})\s*(?:[-/]|月)\s*(\d{1,2})\s*(?:日|号)?`;
/** The end of a range may leave out the year, or the year and month, of its start ("2027-10-01至7日"). */
const END = String.raw`(?:(?:(\d{4})\s*(?:[-/]|年)\s*)?(\d{1,2})\s*(?:[-/]|月)\s*)?(\d{1,2})\s*(?:日|号)?`;
const SINGLE = new RegExp(`^${YMD}$`);
// "..", "…" (NFKC makes it "..."), 至, 到, "~" (also the full-width one), en and em dashes, or a hyphen between spaces.
const RANGE = new RegExp(`^${YMD}(?:\\s*(?:\\.{2,3}|至|到|~|–|—)\\s*|\\s+-\\s+)${END}$`);

const pad = (n: string | number) => String(n).padStart(2, '0');

/**
 * Reads one text area: one date or one range per line ("2027-10-01", "2027-10-01..2027-10-07",
 * "2027-10-01至2027-10-07", "2027-10-01至7日"). Also accepted: full-width characters, single-digit months and days,
 * "2027年10月1日", several entries on a line separated by commas or 、, a remark in brackets ("2027-09-26（周日）")
 * and a comment after "#". Blank lines are skipped. Whether a date is real, in the year and not repeated is left to
 * `validateCalendarYear`; only what cannot be turned into dates is reported here.
 */
export function parseDateLines(text: string): ParsedDates {
  const out: ParsedDates = { dates: [], lines: [], problems: [] };
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    const cleaned = raw
      .normalize('NFKC')
      .replace(/#.*$/, '')
      .replace(/\([^)]*\)/g, ' ')
      .replace(/。\s*$/, '');
    for (const part of cleaned.split(/[,;、]/)) {
      const entry = part.trim();
      if (entry === '') continue;
      const single = SINGLE.exec(entry);
      if (single) {
        out.dates.push(`${single[1]}-${pad(single[2])}-${pad(single[3])}`);
        out.lines.push(line);
        continue;
      }
      const range = RANGE.exec(entry);
      if (!range) {
        out.problems.push({ code: 'LINE_UNREADABLE', line, text: shorten(entry) });
        continue;
      }
      const [, y, m, d, y2, m2, d2] = range;
      const from = `${y}-${pad(m)}-${pad(d)}`;
      const to = `${y2 ?? y}-${pad(m2 ?? m)}-${pad(d2)}`;
      if (!isValidDate(from) || !isValidDate(to)) out.problems.push({ code: 'RANGE_DATE_INVALID', line, text: shorten(entry) });
      else if (to < from) out.problems.push({ code: 'RANGE_BACKWARDS', line, text: shorten(entry) });
      else if (addDays(from, MAX_RANGE_DAYS - 1) < to) out.problems.push({ code: 'RANGE_TOO_LONG', line, text: shorten(entry) });
      else
        for (const date of dateSpan(from, to)) {
          out.dates.push(date);
          out.lines.push(line);
        }
    }
  });
  return out;
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** Consecutive dates as runs: the unit of the notices ("10月1日至7日") and of the editor's lines. */
export interface DateRun {
  from: string;
  to: string;
  days: number;
}

/** The runs of consecutive days among the dates (sorted, duplicates ignored). */
export function dateRuns(dates: readonly string[]): DateRun[] {
  const sorted = [...new Set(dates)].sort();
  const runs: DateRun[] = [];
  for (const date of sorted) {
    const last = runs.at(-1);
    if (last && addDays(last.to, 1) === date) {
      last.to = date;
      last.days++;
    } else runs.push({ from: date, to: date, days: 1 });
  }
  return runs;
}

/** A table's dates as the editor's text: one line per run, "2026-10-01..2026-10-07" or a single date. */
export function formatDateLines(dates: readonly string[]): string {
  return dateRuns(dates)
    .map((r) => (r.days === 1 ? r.from : `${r.from}..${r.to}`))
    .join('\n');
}
