import fs from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import type { Store } from '../store/store';
import { csvCell } from './export-format';
import { ExportSettingsSchema, NATIONAL_COLUMNS, nationalCells, nationalSettings, provinceJsonLine, type NationalLayout, type NationalSettings } from './national-format';
import { nationalRows, type NationalTally } from './national-rows';

/** The formats of `npm run export` in the national and provincial layouts (national-format.ts). */
export const NATIONAL_FORMATS = ['gbt39046', 'gbt39046-xlsx', 'province', 'province-xlsx'] as const;
export type NationalFormat = (typeof NATIONAL_FORMATS)[number];

export const isNationalFormat = (f: string): f is NationalFormat => (NATIONAL_FORMATS as readonly string[]).includes(f);

/**
 * The export settings: a JSON file named by --settings, else by HCP_EXPORT_SETTINGS, else the defaults. A file that
 * is not valid is an error before anything is written: a wrong code sent to the platform is worse than no file.
 */
export function readExportSettings(file: string | undefined): NationalSettings {
  if (!file) return nationalSettings();
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`export settings ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = ExportSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new Error(`export settings ${file}: ${issues}`);
  }
  return nationalSettings(parsed.data);
}

export interface NationalExportOptions {
  format: NationalFormat;
  settings: NationalSettings;
  assessment: AssessmentSettings;
  /** The file an XLSX goes to (--output: a workbook is binary, never the terminal); the text formats use `write`. */
  file?: Writable;
}

/**
 * Writes the layout row by row as the pages arrive: CSV (UTF-8 BOM, Chinese headers) for gbt39046, one JSON object
 * a line for province, or a streamed XLSX workbook (rows committed as written, so memory stays flat).
 */
export async function writeNationalExport(store: Store, opts: NationalExportOptions, write: (line: string) => Promise<void>): Promise<NationalTally> {
  const layout: NationalLayout = opts.format.startsWith('province') ? 'province' : 'gbt39046';
  const tally: NationalTally = { rows: 0, invalid: 0, notAssessed: 0 };
  const rows = nationalRows(store, opts.assessment, tally);
  const headers = NATIONAL_COLUMNS[layout].map((c) => c.header);
  if (opts.format.endsWith('-xlsx')) {
    if (!opts.file) throw new Error('an XLSX export needs --output FILE');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: opts.file, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet(layout);
    sheet.addRow(headers).commit();
    // Codes stay numbers; 办件编号, times and 行政区划 stay text (a 12-digit code as a number loses nothing, but
    // leading zeros of a 办件编号 would go).
    for await (const row of rows) sheet.addRow(nationalCells(layout, row, opts.settings)).commit();
    sheet.commit();
    await workbook.commit();
    return tally;
  }
  if (layout === 'province') {
    for await (const row of rows) await write(provinceJsonLine(row, opts.settings));
    return tally;
  }
  // UTF-8 BOM: spreadsheet programs on office desktops otherwise misread Chinese text.
  await write('\uFEFF' + headers.join(','));
  for await (const row of rows) await write(nationalCells(layout, row, opts.settings).map(csvCell).join(','));
  return tally;
}
