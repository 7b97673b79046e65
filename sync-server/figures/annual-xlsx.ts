import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AnnualReport } from '../../src/domain/figures/annual-api';
import type { AnnualEntry } from '../../src/domain/figures/annual-report';
import { CST_OFFSET_MS, cstDate } from '../../src/domain/time';
import {
  countedText, explanationText, namesFromRefs, pathText, rectificationText, replyText, reviewText, statusText, subtotalText, type AnnualNames,
} from './annual-text';

/**
 * (A streamed sheet merges a row's cells before the row is committed: committed rows are gone from memory.)
 *
 * The annual rectification report as an XLSX workbook, streamed (rows committed as written: a province's year of
 * 20,000 bad reviews never sits in memory as a sheet). One sheet per unit: the title 年度差评整改情况报告 with the
 * year and unit, the column headers (frozen, repeated on every printed page), a header row per window, one row per
 * bad review, the unit's subtotal, then the signature block 制表人 / 审核人 / 日期 / （盖章）. A4 landscape, fitted to
 * the page width; dates are real dates on the China clock.
 */

const TIME = 'yyyy-mm-dd hh:mm';
const DAY = 'yyyy-mm-dd';
/** Excel has no zones: an instant becomes the China wall clock's serial (a Date whose UTC fields are CST). */
const cstCell = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms + CST_OFFSET_MS));
const dayCell = (date: string | null | undefined) => (date ? new Date(`${date}T00:00:00Z`) : null);

interface Column {
  header: string;
  width: number;
  cell: (e: AnnualEntry, n: AnnualNames, i: number) => string | number | Date | null;
  format?: string;
}

const COLUMNS: Column[] = [
  { header: '序号', width: 5, cell: (_e, _n, i) => i },
  { header: '窗口', width: 12, cell: (e, n) => n.window(e.rating.windowId) },
  { header: '被评价人', width: 8, cell: (e, n) => n.staff(e.rating.staffId) },
  { header: '评价时间', width: 15, cell: (e) => cstCell(e.rating.ratedAt), format: TIME },
  { header: '差评记录', width: 30, cell: (e, n) => reviewText(e, n) },
  { header: '计入统计', width: 8, cell: (e) => countedText(e) },
  { header: '办理路径', width: 10, cell: (e) => pathText(e) },
  { header: '情况说明', width: 30, cell: (e, n) => explanationText(e, n) },
  { header: '整改情况', width: 24, cell: (e, n) => rectificationText(e, n) },
  { header: '回复情况', width: 22, cell: (e, n) => replyText(e, n) },
  { header: '回访时间', width: 15, cell: (e) => cstCell(e.callBack?.at), format: TIME },
  { header: '决定时间', width: 15, cell: (e) => cstCell(e.decision?.at), format: TIME },
  { header: '整改时间', width: 15, cell: (e) => cstCell(e.rectification?.at), format: TIME },
  { header: '回复时间', width: 15, cell: (e) => cstCell(e.reply?.at), format: TIME },
  { header: '办结时间', width: 15, cell: (e) => cstCell(e.closedAt), format: TIME },
  { header: '回访期限', width: 11, cell: (e) => dayCell(e.callBackDue?.date), format: DAY },
  { header: '整改期限', width: 11, cell: (e) => dayCell(e.fixDue.date), format: DAY },
  { header: '办理状态', width: 14, cell: (e) => statusText(e) },
];
export const ANNUAL_XLSX_HEADERS = COLUMNS.map((c) => c.header);

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const WRAP = { wrapText: true, vertical: 'top' as const };
const FOOTER = '制表人：                审核人：                日期：                （盖章）';

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || '单位';
  let candidate = base;
  for (let k = 2; used.has(candidate); k++) candidate = `${base}(${k})`;
  used.add(candidate);
  return candidate;
}

export async function writeAnnualXlsx(report: AnnualReport, out: Writable): Promise<void> {
  const names = namesFromRefs(report.refs);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  workbook.creator = '好差评 Window';
  const used = new Set<string>();
  const last = COLUMNS.length;
  const generated = `制表时间：${cstDate(report.generatedAt)}（统计截至此时；期限按中国标准时间）`;
  // A year with no bad review still gives a workbook that says so, under the unit asked for (or all).
  const units = report.units.length > 0 ? report.units : [null];
  for (const unit of units) {
    const unitName = unit ? names.unit(unit.unitId) : report.unitId ? names.unit(report.unitId) : '全部单位';
    const sheet = workbook.addWorksheet(sheetName(unitName, used), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3', margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } },
      headerFooter: { oddFooter: `&L${FOOTER}&R第 &P 页，共 &N 页` },
      views: [{ state: 'frozen', xSplit: 0, ySplit: 3 }],
    });
    // Each cell takes its column's style as it is made: no per-cell style objects for 20,000 rows × 18 columns.
    sheet.columns = COLUMNS.map((c) => ({ width: c.width, style: { alignment: WRAP, border: BORDER, ...(c.format ? { numFmt: c.format } : {}) } }));
    const title = sheet.addRow([`${report.year}年度差评整改情况报告（${unitName}）`]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    sheet.mergeCells(1, 1, 1, last);
    title.commit();
    const note = sheet.addRow([generated]);
    sheet.mergeCells(2, 1, 2, last);
    note.commit();
    const header = sheet.addRow(ANNUAL_XLSX_HEADERS);
    header.eachCell((c) => {
      c.font = { bold: true };
      c.alignment = { ...WRAP, horizontal: 'center' };
      c.border = BORDER;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
    header.commit();
    let rowNo = 3;
    let i = 0;
    for (const win of unit?.windows ?? []) {
      const wr = sheet.addRow([`窗口：${names.window(win.windowId)}（${win.entries.length} 件）`]);
      wr.font = { bold: true };
      sheet.mergeCells(++rowNo, 1, rowNo, last);
      wr.commit();
      for (const e of win.entries) {
        sheet.addRow(COLUMNS.map((c) => c.cell(e, names, ++i))).commit();
        rowNo++;
      }
    }
    const sub = sheet.addRow([unit ? subtotalText(unit.subtotal) : `${report.year}年无差评记录。`]);
    sub.font = { bold: true };
    sub.alignment = WRAP;
    sub.height = 32;
    sheet.mergeCells(++rowNo, 1, rowNo, last);
    sub.commit();
    sheet.addRow([]).commit();
    const footer = sheet.addRow([FOOTER]);
    sheet.mergeCells(rowNo + 2, 1, rowNo + 2, last);
    footer.commit();
    sheet.commit();
  }
  await workbook.commit();
}
