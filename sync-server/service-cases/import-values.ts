import { CST_OFFSET_MS } from '../../src/domain/time';
import type { SheetCell } from './xlsx-records';

/** One cell turned into a value or the reason it cannot be one (a problem code the caller names the column in). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: 'REQUIRED' | 'TOO_LONG' | 'CONTROL_CHARACTER' | 'CELL_ERROR' | 'NUMBER_LOST_DIGITS' | 'DATE_NOT_TEXT' | 'BAD_TIME' | 'UNKNOWN'; value?: string };

/** Generous for any hall's numbering; the store's schema may be stricter. */
export const MAX_TEXT_LENGTH = 100;

export type ApplicantType = 'PERSON' | 'LEGAL_PERSON';
export type ServiceCaseStatus = 'ACCEPTED' | 'IN_PROGRESS' | 'FINISHED' | 'NOT_ACCEPTED';

const APPLICANT_TYPES: Record<string, ApplicantType> = { 个人: 'PERSON', 法人: 'LEGAL_PERSON', person: 'PERSON', legal_person: 'LEGAL_PERSON' };
const STATUSES: Record<string, ServiceCaseStatus> = {
  受理: 'ACCEPTED',
  办理中: 'IN_PROGRESS',
  办结: 'FINISHED',
  不予受理: 'NOT_ACCEPTED',
  accepted: 'ACCEPTED',
  in_progress: 'IN_PROGRESS',
  finished: 'FINISHED',
  not_accepted: 'NOT_ACCEPTED',
};

/** C0 controls and DEL: a line break inside an id or a code is a broken export. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Trimmed text; '' for an empty cell. A number cell is written as Excel shows it, unless it lost digits. */
export function readText(cell: SheetCell): Parsed<string> {
  if (cell === null) return { ok: true, value: '' };
  if (typeof cell === 'string') {
    // ="0001" is how exports keep Excel from turning an id into a number; the id is what is inside.
    const value = cell.trim().replace(/^="(.*)"$/s, '$1').trim();
    // 4.40303E+17: Excel opened the export and saved it again, and the id's digits are gone.
    if (/^\d(\.\d+)?E\+\d+$/i.test(value)) return { ok: false, code: 'NUMBER_LOST_DIGITS', value };
    if (value.length > MAX_TEXT_LENGTH) return { ok: false, code: 'TOO_LONG', value };
    if (CONTROL.test(value)) return { ok: false, code: 'CONTROL_CHARACTER', value };
    return { ok: true, value };
  }
  if (typeof cell === 'number') {
    // Excel keeps 15 significant digits: an 18-digit 办件编号 typed as a number is already wrong in the file.
    if (Number.isInteger(cell) && !Number.isSafeInteger(cell)) return { ok: false, code: 'NUMBER_LOST_DIGITS', value: String(cell) };
    return { ok: true, value: String(cell) };
  }
  if (cell instanceof Date) return { ok: false, code: 'DATE_NOT_TEXT' };
  return { ok: false, code: 'CELL_ERROR', value: cell.error };
}

export function requiredText(cell: SheetCell): Parsed<string> {
  const text = readText(cell);
  return text.ok && text.value === '' ? { ok: false, code: 'REQUIRED' } : text;
}

function enumValue<T>(table: Record<string, T>, cell: SheetCell): Parsed<T> {
  const text = requiredText(cell);
  if (!text.ok) return text;
  const found = table[text.value] ?? table[text.value.toLowerCase()];
  return found === undefined ? { ok: false, code: 'UNKNOWN', value: text.value } : { ok: true, value: found };
}

export const readApplicantType = (cell: SheetCell) => enumValue(APPLICANT_TYPES, cell);
export const readStatus = (cell: SheetCell) => enumValue(STATUSES, cell);

/**
 * A time as Unix ms, or null for an empty cell. Text: "YYYY-MM-DD HH:mm:ss" China time (also "/" between date
 * parts, one-digit month, day or hour, no seconds: how Chinese Excel writes a date cell into a CSV), ISO 8601
 * with Z or an offset, ISO without one = China time. An XLSX date cell: its wall clock is China time.
 * A number: an Excel serial date (what a date cell is when its format was not recognised as a date).
 */
export function readTime(cell: SheetCell, date1904 = false): Parsed<number | null> {
  if (cell instanceof Date) {
    const ms = cell.getTime();
    return Number.isFinite(ms) ? { ok: true, value: ms - CST_OFFSET_MS } : { ok: false, code: 'BAD_TIME', value: 'Invalid Date' };
  }
  if (typeof cell === 'number') {
    // 1 = 1900-01-01 … 2958465 = 9999-12-31; 25569 is 1970-01-01; dates counted from 1904 are 1462 days later.
    if (!(cell >= 1 && cell < 2958466)) return { ok: false, code: 'BAD_TIME', value: String(cell) };
    const wallClock = Math.round((cell - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
    return { ok: true, value: wallClock - CST_OFFSET_MS };
  }
  const text = readText(cell);
  if (!text.ok) return text;
  if (text.value === '') return { ok: true, value: null };
  const ms = parseTimeText(text.value);
  return ms === null ? { ok: false, code: 'BAD_TIME', value: text.value } : { ok: true, value: ms };
}

const LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

export function parseTimeText(text: string): number | null {
  const local = LOCAL.exec(text);
  if (local) return wallClockMs(local.slice(1, 8), -CST_OFFSET_MS);
  const iso = WITH_OFFSET.exec(text);
  if (!iso) return null;
  const offset = offsetMs(iso[8]);
  return offset === null ? null : wallClockMs(iso.slice(1, 8), -offset);
}

/** The offset east of UTC in ms: Z, +08, +0800, +08:00. */
function offsetMs(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(3).replace(':', '') || '0');
  if (hours > 23 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Y, M, D, h, m, s, fraction → ms, refusing what a calendar does not have (2026-02-30, 24:00, 12:60). */
function wallClockMs(parts: (string | undefined)[], shift: number): number | null {
  const [y, mo, d, h, mi, s] = parts.slice(0, 6).map((p) => Number(p ?? '0'));
  const ms = Number((parts[6] ?? '').padEnd(3, '0').slice(0, 3));
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(utc).getUTCDate() !== d) return null;
  return utc + shift;
}
