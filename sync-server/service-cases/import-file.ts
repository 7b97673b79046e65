import { parseCsv, decodeCsvBytes, type CsvEncoding } from './csv-records';
import { mapColumns, SERVICE_CASE_COLUMNS, type ColumnMap, type ServiceCaseColumnKey } from './import-columns';
import { importProblem, type ImportProblem, type ImportProblemCode } from './import-messages';
import { readApplicantType, readStatus, readText, readTime, requiredText, MAX_TEXT_LENGTH, type ApplicantType, type Parsed, type ServiceCaseStatus } from './import-values';
import { readXlsxFirstSheet, type SheetCell } from './xlsx-records';

/**
 * An 办件 (service case) export file of a hall's business system, CSV or XLSX, read into one entry per data row
 * with every problem of that row. Nothing is stored here: the caller decides what to write.
 */

/** One 办件 as the file gives it; the store's import maps it to its own type (unit, window and staff by number). */
export interface ImportedServiceCaseRow {
  caseNo: string;
  serviceItemCode: string;
  windowNumber: string;
  employeeNo: string;
  /** Unix ms. */
  acceptedAt: number;
  /** Unix ms; null while the 办件 is not finished. */
  finishedAt: number | null;
  applicantType: ApplicantType;
  status: ServiceCaseStatus;
}

export interface ImportedLine {
  /** The line as a person finds it: a CSV's line in a text editor, an XLSX's row number; the header is 1. */
  line: number;
  /** Present when the row is valid and is the one used for its 办件编号. */
  row?: ImportedServiceCaseRow;
  /** The 办件编号 whenever the line gave one, valid row or not (a preview names every line by it). */
  caseNo?: string;
  errors: ImportProblem[];
  notes: ImportProblem[];
}

export type ImportFileFormat = `csv-${CsvEncoding}` | 'xlsx';

export interface ServiceCaseImport {
  format: ImportFileFormat | 'unknown';
  rows: ImportedLine[];
  /** Problems that stop the whole file (no rows are given then). */
  fileErrors: ImportProblem[];
  /** File-level remarks that stop nothing (an unknown column ignored). */
  notes: ImportProblem[];
  /** Each column's header as the file writes it, when the header was read (a refusal names the column so). */
  columns?: Record<ServiceCaseColumnKey, string>;
}

interface Table {
  format: ImportFileFormat;
  header: string[];
  records: { line: number; cells: SheetCell[]; textAfterQuote?: number[] }[];
  date1904: boolean;
}

const isXlsx = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** The OLE container of .xls (and other old Office files). */
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export async function parseServiceCaseFile(bytes: Uint8Array): Promise<ServiceCaseImport> {
  const fail = (format: ServiceCaseImport['format'], ...fileErrors: ImportProblem[]): ServiceCaseImport => ({ format, rows: [], fileErrors, notes: [] });
  if (bytes.length === 0) return fail('unknown', importProblem('EMPTY_FILE'));
  if (isOle(bytes)) return fail('unknown', importProblem('UNSUPPORTED_FORMAT'));
  let table: Table;
  if (isXlsx(bytes)) {
    try {
      table = { format: 'xlsx', ...(await readXlsxFirstSheet(bytes)) };
    } catch (err) {
      return fail('xlsx', importProblem('XLSX_UNREADABLE', { value: err instanceof Error ? err.message : String(err) }));
    }
  } else {
    let decoded: ReturnType<typeof decodeCsvBytes>;
    try {
      decoded = decodeCsvBytes(bytes);
    } catch {
      return fail('unknown', importProblem('BAD_ENCODING'));
    }
    const { text, encoding } = decoded;
    const csv = parseCsv(text);
    if (csv.unterminatedQuoteLine !== undefined) return fail(`csv-${encoding}`, importProblem('CSV_UNTERMINATED_QUOTE', { line: csv.unterminatedQuoteLine }));
    const [header, ...records] = csv.records;
    if (!header) return fail(`csv-${encoding}`, importProblem('EMPTY_FILE'));
    table = { format: `csv-${encoding}`, header: header.cells, records, date1904: false };
  }
  const columns = mapColumns(table.header);
  if (!columns.map) return { format: table.format, rows: [], fileErrors: columns.errors, notes: columns.notes };
  const map = columns.map;
  const rows: ImportedLine[] = [];
  for (const record of table.records) {
    // A line of empty cells (Excel leaves ",,,,,,," below a table) is no data row.
    if (record.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
    rows.push(readRow(record, map, table.date1904));
  }
  markDuplicates(rows);
  return { format: table.format, rows, fileErrors: [], notes: columns.notes, columns: map.label };
}

/** The value readers' codes as problem codes; UNKNOWN is named per column (status, applicant type). */
const PARSE_CODES: Record<Exclude<Parsed<unknown>, { ok: true }>['code'], ImportProblemCode> = {
  REQUIRED: 'REQUIRED',
  TOO_LONG: 'TOO_LONG',
  CONTROL_CHARACTER: 'CONTROL_CHARACTER',
  CELL_ERROR: 'CELL_ERROR',
  NUMBER_LOST_DIGITS: 'NUMBER_LOST_DIGITS',
  DATE_NOT_TEXT: 'DATE_NOT_TEXT',
  BAD_TIME: 'BAD_TIME',
  UNKNOWN: 'UNKNOWN_STATUS',
};

function readRow(record: Table['records'][number], map: ColumnMap, date1904: boolean): ImportedLine {
  const errors: ImportProblem[] = [];
  const cell = (key: ServiceCaseColumnKey) => record.cells[map.index[key]] ?? null;
  const take = <T>(key: ServiceCaseColumnKey, parsed: Parsed<T>, unknownCode?: ImportProblemCode): T | undefined => {
    if (parsed.ok) return parsed.value;
    const code = parsed.code === 'UNKNOWN' && unknownCode ? unknownCode : PARSE_CODES[parsed.code];
    errors.push(importProblem(code, { column: map.label[key], value: parsed.value, limit: MAX_TEXT_LENGTH }));
    return undefined;
  };
  for (const i of record.textAfterQuote ?? []) {
    const key = SERVICE_CASE_COLUMNS.find((c) => map.index[c.key] === i)?.key;
    if (key) errors.push(importProblem('CSV_TEXT_AFTER_QUOTE', { column: map.label[key] }));
  }
  if (record.cells.slice(map.width).some((c) => typeof c === 'string' && c.trim() !== '')) errors.push(importProblem('EXTRA_CELLS'));

  const caseNo = take('caseNo', requiredText(cell('caseNo')));
  const serviceItemCode = take('serviceItemCode', requiredText(cell('serviceItemCode')));
  const windowNumber = take('windowNumber', requiredText(cell('windowNumber')));
  const employeeNo = take('employeeNo', requiredText(cell('employeeNo')));
  const acceptedRead = readTime(cell('acceptedAt'), date1904);
  const acceptedAt = take('acceptedAt', acceptedRead.ok && acceptedRead.value === null ? { ok: false, code: 'REQUIRED' } : acceptedRead);
  const finishedAt = take('finishedAt', readTime(cell('finishedAt'), date1904));
  const applicantType = take('applicantType', readApplicantType(cell('applicantType')), 'UNKNOWN_APPLICANT_TYPE');
  const status = take('status', readStatus(cell('status')), 'UNKNOWN_STATUS');

  if (status === 'FINISHED' && finishedAt === null) errors.push(importProblem('FINISHED_AT_REQUIRED', { column: map.label.finishedAt }));
  if ((status === 'ACCEPTED' || status === 'IN_PROGRESS') && typeof finishedAt === 'number') {
    const written = readText(cell('status'));
    errors.push(importProblem('FINISHED_AT_NOT_ALLOWED', { column: map.label.finishedAt, value: written.ok ? written.value : status }));
  }
  if (typeof acceptedAt === 'number' && typeof finishedAt === 'number' && finishedAt < acceptedAt) {
    errors.push(importProblem('FINISHED_BEFORE_ACCEPTED', { column: map.label.finishedAt }));
  }
  const entry = { line: record.line, errors, notes: [], ...(caseNo ? { caseNo } : {}) };
  if (errors.length > 0) return entry;
  return {
    ...entry,
    row: {
      caseNo: caseNo!,
      serviceItemCode: serviceItemCode!,
      windowNumber: windowNumber!,
      employeeNo: employeeNo!,
      acceptedAt: acceptedAt as number,
      finishedAt: finishedAt ?? null,
      applicantType: applicantType!,
      status: status!,
    },
  };
}

/**
 * An export lists each 办件 once; the same 办件编号 twice is a mistake or a later update in the same file. The last
 * line decides (even when it has errors: an older state the file itself replaced is not imported instead), and
 * every earlier line is noted and given no row.
 */
function markDuplicates(rows: ImportedLine[]): void {
  const byCaseNo = new Map<string, ImportedLine[]>();
  for (const entry of rows) {
    if (entry.caseNo === undefined) continue;
    const same = byCaseNo.get(entry.caseNo);
    if (same) same.push(entry);
    else byCaseNo.set(entry.caseNo, [entry]);
  }
  for (const same of byCaseNo.values()) {
    if (same.length < 2) continue;
    const last = same[same.length - 1];
    for (const earlier of same.slice(0, -1)) {
      delete earlier.row;
      earlier.notes.push(importProblem('DUPLICATE_SUPERSEDED', { line: last.line }));
    }
    last.notes.push(importProblem('DUPLICATE_REPLACES', { lines: same.slice(0, -1).map((e) => e.line) }));
  }
}

/** Counts for a summary: rows used, rows refused, rows replaced by a later line of the same 办件编号. */
export function summarizeImport(result: ServiceCaseImport): { lines: number; usable: number; refused: number; superseded: number } {
  const refused = result.rows.filter((r) => r.errors.length > 0).length;
  const usable = result.rows.filter((r) => r.row).length;
  return { lines: result.rows.length, usable, refused, superseded: result.rows.length - usable - refused };
}
