import ExcelJS from 'exceljs';
import type { Attachment2, Attachment2Row } from '../../src/domain/figures/attachment2';
import { FIGURE_COLUMNS, FIGURE_GROUP_ZH, headerSpans } from '../../src/domain/figures/attachment2-columns';
import { formatCstMinute } from '../../src/domain/time';
import { SCOPE_LABEL_ZH, type FigureNames } from './attachment2-csv';

/**
 * Attachment 2 (评价数据统计表) as the XLSX a hall prints, signs and stamps: the title, the unit and month, when the
 * handling figures were read (China clock), two header rows (groups merged over their columns; a lone column merged
 * down both rows), one line per row of the table (counts as numbers, rates as numbers formatted 0.00, "—" text for
 * 0/0), then 制表人 / 审核人 / 日期 and a （盖章） box. A4 landscape, fitted to the page's width, the header rows
 * frozen on screen and repeated on every printed page. The figure columns are FIGURE_COLUMNS (shared with the CSV
 * and the screen); ids are left out: the printed form names things.
 */
export interface Attachment2XlsxTitle {
  /** What the table covers, in Chinese: a unit's name, "全部单位", or a window. */
  scopeName: string;
}

/** Rows of the sheet before the table (title, unit + month, generated) and the two header rows. */
export const XLSX_LAYOUT = { titleRow: 1, scopeRow: 2, generatedRow: 3, groupRow: 4, headerRow: 5, firstDataRow: 6 } as const;

const NAME_HEADERS = ['统计范围', '单位', '窗口', '工作人员'] as const;
const NAME_WIDTHS = [8, 16, 16, 10];
const FONT = '宋体';
const thin = { style: 'thin' } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The data cells' styles, built once and shared: exceljs serializes a style once per object (a WeakMap), so ~36,000
 * cells of a province's month cost eight serializations instead of one each (bench/attachment2.ts).
 */
function dataStyles(bold: boolean) {
  const font = { name: FONT, size: 9, bold };
  const figure = { horizontal: 'right', vertical: 'middle' } as const;
  return {
    name: { font, border: BORDER, alignment: { vertical: 'middle', wrapText: true } },
    count: { font, border: BORDER, alignment: figure, numFmt: '0' },
    rate: { font, border: BORDER, alignment: figure, numFmt: '0.00' },
    text: { font, border: BORDER, alignment: figure },
  } satisfies Record<string, Partial<ExcelJS.Style>>;
}
const DATA_STYLES = { bold: dataStyles(true), plain: dataStyles(false) };

function monthZh(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

function nameCells(r: Attachment2Row, n: FigureNames): string[] {
  // An id the catalogue no longer knows is printed as it is rather than left blank: the line must say whose it is.
  const unit = r.unitId === null ? '' : (n.unit(r.unitId) ?? r.unitId);
  const win = r.windowId === null ? '' : (n.window(r.windowId) ?? r.windowId);
  const staff = r.staffId === null ? '' : (n.staff(r.staffId) ?? r.staffId);
  return [SCOPE_LABEL_ZH[r.scope], r.scope === 'all' ? '' : unit, win, staff];
}

export async function attachment2Xlsx(table: Attachment2, names: FigureNames, title: Attachment2XlsxTitle): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '好差评';
  book.created = new Date(table.generatedAt);
  const L = XLSX_LAYOUT;
  const width = NAME_HEADERS.length + FIGURE_COLUMNS.length;
  const sheet = book.addWorksheet('评价数据统计表', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as the rows need
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${L.groupRow}:${L.headerRow}`,
    },
    views: [{ state: 'frozen', xSplit: NAME_HEADERS.length, ySplit: L.headerRow }],
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = [...NAME_WIDTHS, ...FIGURE_COLUMNS.map((c) => (c.kind === 'rate' ? 8 : 6.5))].map((w) => ({ width: w }));

  const merged = (row: number, from: number, to: number, value: string, font: Partial<ExcelJS.Font>, align: Partial<ExcelJS.Alignment>) => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = value;
    cell.font = { name: FONT, ...font };
    cell.alignment = align;
  };
  merged(L.titleRow, 1, width, '评价数据统计表', { size: 18, bold: true }, { horizontal: 'center', vertical: 'middle' });
  sheet.getRow(L.titleRow).height = 30;
  const half = Math.floor(width / 2);
  merged(L.scopeRow, 1, half, `单位：${title.scopeName}`, { size: 11 }, { horizontal: 'left' });
  merged(L.scopeRow, half + 1, width, `统计月份：${monthZh(table.month)}`, { size: 11 }, { horizontal: 'right' });
  merged(L.generatedRow, 1, width, `生成时间：${formatCstMinute(table.generatedAt)}（北京时间；差评处理情况截至此时）`, { size: 9 }, { horizontal: 'left' });

  // Two header rows: a naming column or an ungrouped figure spans both; a group spans its columns above theirs.
  const headerCell = (row: number, col: number, value: string) => {
    const cell = sheet.getCell(row, col);
    cell.value = value;
    cell.font = { name: FONT, size: 9, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  };
  NAME_HEADERS.forEach((h, i) => {
    headerCell(L.groupRow, i + 1, h);
    headerCell(L.headerRow, i + 1, h);
    sheet.mergeCells(L.groupRow, i + 1, L.headerRow, i + 1);
  });
  for (const span of headerSpans()) {
    const col = NAME_HEADERS.length + span.start + 1;
    for (let i = 0; i < span.width; i++) headerCell(L.headerRow, col + i, FIGURE_COLUMNS[span.start + i]!.zh);
    if (span.group === null) {
      headerCell(L.groupRow, col, FIGURE_COLUMNS[span.start]!.zh);
      sheet.mergeCells(L.groupRow, col, L.headerRow, col);
    } else {
      for (let i = 0; i < span.width; i++) headerCell(L.groupRow, col + i, FIGURE_GROUP_ZH[span.group]);
      sheet.mergeCells(L.groupRow, col, L.groupRow, col + span.width - 1);
    }
  }
  sheet.getRow(L.groupRow).height = 18;
  sheet.getRow(L.headerRow).height = 48;

  // The table: numbers stay numbers (a spreadsheet sums them); a 0/0 rate is the text "—", never 0 or 100.
  table.rows.forEach((r, i) => {
    const values: (string | number)[] = [...nameCells(r, names)];
    for (const c of FIGURE_COLUMNS) {
      if (c.kind === 'count') values.push(c.value(r));
      else {
        const { percent } = c.value(r);
        values.push(percent === null ? '—' : percent);
      }
    }
    const row = sheet.getRow(L.firstDataRow + i);
    row.values = values;
    const styles = DATA_STYLES[r.scope === 'all' || r.scope === 'unit' ? 'bold' : 'plain'];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col <= NAME_HEADERS.length) cell.style = styles.name;
      else if (typeof cell.value !== 'number') cell.style = styles.text;
      else cell.style = FIGURE_COLUMNS[col - NAME_HEADERS.length - 1]!.kind === 'rate' ? styles.rate : styles.count;
    });
  });

  // Sign-off: who made it, who checked it, the date, and the space for the unit's seal.
  const after = L.firstDataRow + table.rows.length + 1;
  const third = Math.floor(width / 3);
  merged(after, 1, third, '制表人：', { size: 11 }, { horizontal: 'left', vertical: 'middle' });
  merged(after, third + 1, 2 * third, '审核人：', { size: 11 }, { horizontal: 'left', vertical: 'middle' });
  merged(after, 2 * third + 1, width, '日期：      年    月    日', { size: 11 }, { horizontal: 'left', vertical: 'middle' });
  sheet.getRow(after).height = 24;
  const seal = { top: after + 2, bottom: after + 6, left: width - 7, right: width };
  sheet.mergeCells(seal.top, seal.left, seal.bottom, seal.right);
  const sealCell = sheet.getCell(seal.top, seal.left);
  sealCell.value = '（盖章）';
  sealCell.font = { name: FONT, size: 11 };
  sealCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sealCell.border = BORDER;
  for (let r = seal.top; r <= seal.bottom; r++) {
    for (let c = seal.left; c <= seal.right; c++) {
      sheet.getCell(r, c).border = {
        top: r === seal.top ? thin : undefined, bottom: r === seal.bottom ? thin : undefined,
        left: c === seal.left ? thin : undefined, right: c === seal.right ? thin : undefined,
      };
    }
  }
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(width).letter}${seal.bottom}`;

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The sheet's 单位 line: the unit's name, "全部单位", or a lead's window with its unit. */
export function scopeNameZh(names: FigureNames, unitId: string | null, windowId: string | null = null): string {
  if (unitId === null) return '全部单位';
  const unit = names.unit(unitId) ?? unitId;
  return windowId === null ? unit : `${unit} ${names.window(windowId) ?? windowId}`;
}
