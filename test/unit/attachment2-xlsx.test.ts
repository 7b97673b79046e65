import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { countMonth, type RatingFacts } from '../../src/domain/figures/attachment2';
import { FIGURE_COLUMNS, headerSpans } from '../../src/domain/figures/attachment2-columns';
import { attachment2Csv, type FigureNames } from '../../sync-server/figures/attachment2-csv';
import { attachment2Xlsx, scopeNameZh, XLSX_LAYOUT } from '../../sync-server/figures/attachment2-xlsx';

// The Attachment 2 XLSX (sync-server/figures/attachment2-xlsx.ts), read back with exceljs as an office would open it.

const cstMs = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const rating = (patch: Partial<RatingFacts> = {}): RatingFacts => ({
  id: `r${String(++n).padStart(4, '0')}`, level: 'SATISFIED', channel: 'HALL_TABLET', ratedAt: cstMs('2026-10-15T10:00:00'), unitId: 'u1', windowId: 'w1',
  staffId: 's1', caseNumber: null, superseded: false, awaitingCheck: false, invalid: false, badReview: null, ...patch,
});
const names: FigureNames = {
  unit: (id) => ({ u1: '政务服务中心' })[id] ?? null,
  window: (id) => ({ w1: '1 综合窗口', w2: '2 社保窗口' })[id] ?? null,
  staff: (id) => ({ s1: '张三' })[id] ?? null,
};

const facts = [
  rating({ level: 'VERY_SATISFIED' }),
  rating({ level: 'SATISFIED', channel: 'QR' }),
  rating({ level: 'VERY_DISSATISFIED', windowId: 'w2', staffId: 's2' }),
];
const table = countMonth('2026-10', facts, cstMs('2026-11-03T09:30:00'));

async function readBack(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return book.worksheets[0]!;
}

describe('the Attachment 2 XLSX', () => {
  it('has the title, scope, month and the China-clock time, two merged header rows and the figures as numbers', async () => {
    const sheet = await readBack(await attachment2Xlsx(table, names, { scopeName: scopeNameZh(names, 'u1') }));
    const L = XLSX_LAYOUT;
    expect(sheet.getCell(L.titleRow, 1).value).toBe('评价数据统计表');
    expect(sheet.getCell(L.scopeRow, 1).value).toBe('单位：政务服务中心');
    expect(String(sheet.getCell(L.scopeRow, 1 + Math.floor((4 + FIGURE_COLUMNS.length) / 2)).value)).toBe('统计月份：2026年10月');
    expect(String(sheet.getCell(L.generatedRow, 1).value)).toContain('2026-11-03 09:30');

    // Naming columns and an ungrouped figure span both header rows; a group spans its columns.
    expect(sheet.getCell(L.groupRow, 1).value).toBe('统计范围');
    expect(sheet.getCell(L.headerRow, 1).isMerged).toBe(true);
    expect(sheet.getCell(L.headerRow, 1).master.address).toBe(sheet.getCell(L.groupRow, 1).address);
    const col = (key: string) => 4 + FIGURE_COLUMNS.findIndex((c) => c.key === key) + 1;
    expect(sheet.getCell(L.groupRow, col('total')).value).toBe('评价总数');
    expect(sheet.getCell(L.headerRow, col('total')).master.address).toBe(sheet.getCell(L.groupRow, col('total')).address);
    expect(sheet.getCell(L.groupRow, col('VERY_SATISFIED')).value).toBe('评价等级');
    expect(sheet.getCell(L.groupRow, col('VERY_DISSATISFIED')).master.address).toBe(sheet.getCell(L.groupRow, col('VERY_SATISFIED')).address);
    expect(sheet.getCell(L.headerRow, col('VERY_SATISFIED')).value).toBe('非常满意');
    expect(sheet.getCell(L.headerRow, col('VERY_SATISFIED')).isMerged).toBe(false);
    expect(sheet.getCell(L.groupRow, col('HALL_TABLET')).value).toBe('评价渠道');
    expect(sheet.getCell(L.groupRow, col('FIX_NOW')).value).toBe('差评处理');
    // The merged groups are exactly the shared spans.
    const groups = headerSpans().filter((s) => s.group !== null);
    for (const s of groups) {
      const first = sheet.getCell(L.groupRow, 4 + s.start + 1);
      expect(sheet.getCell(L.groupRow, 4 + s.start + s.width).master.address).toBe(first.address);
      expect(sheet.getCell(L.groupRow, 4 + s.start + s.width + 1).master.address).not.toBe(first.address);
    }

    // Rows in the table's order: 合计, the unit, its windows, its staff; numbers are numbers.
    const row = (i: number) => sheet.getRow(L.firstDataRow + i);
    expect(table.rows.map((r) => r.scope)).toEqual(['all', 'unit', 'window', 'window', 'staff', 'staff']);
    expect(row(0).getCell(1).value).toBe('合计');
    expect(row(1).getCell(2).value).toBe('政务服务中心');
    expect(row(2).getCell(3).value).toBe('1 综合窗口');
    expect(row(4).getCell(4).value).toBe('张三');
    expect(row(5).getCell(4).value).toBe('s2'); // not in the catalogue: the id, never a blank
    expect(row(0).getCell(col('total')).value).toBe(3);
    expect(row(0).getCell(col('QR')).value).toBe(1);
    expect(row(0).getCell(col('satisfaction')).value).toBe(66.67);
    expect(row(0).getCell(col('satisfaction')).numFmt).toBe('0.00');
    expect(row(0).getCell(col('total')).numFmt).toBe('0');
    expect(row(2).getCell(col('badRate')).value).toBe(0);
    expect(row(2).getCell(col('callBackRate')).value).toBe('—'); // 0/0
    expect(row(3).getCell(col('badRate')).value).toBe(100);
    for (let i = 0; i < table.rows.length; i++) {
      for (const c of FIGURE_COLUMNS) {
        const v = row(i).getCell(col(c.key)).value;
        if (c.kind === 'count') expect(typeof v, `${i} ${c.key}`).toBe('number');
        else expect(typeof v === 'number' || v === '—', `${i} ${c.key}`).toBe(true);
      }
    }

    // Sign-off and the seal box below the table.
    const after = L.firstDataRow + table.rows.length + 1;
    const texts = (r: number) => (sheet.getRow(r).values as unknown[]).filter((v) => typeof v === 'string') as string[];
    expect(texts(after).join(' ')).toMatch(/制表人：.*审核人：.*日期：/);
    const seal = [...Array(8).keys()].flatMap((i) => texts(after + 1 + i)).find((t) => t.includes('（盖章）'));
    expect(seal).toBe('（盖章）');

    // Printing: A4 landscape fitted to the width, the header rows on every page; frozen below the headers.
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.fitToHeight).toBe(0);
    expect(sheet.pageSetup.printTitlesRow).toBe(`${L.groupRow}:${L.headerRow}`);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: L.headerRow });
  });

  it('has the same figure columns as the CSV, in the same order', () => {
    const header = attachment2Csv(table, names).slice(1).split('\r\n')[0]!.split(',');
    expect(header.slice(7)).toEqual(FIGURE_COLUMNS.map((c) => c.zh));
    expect(header.slice(0, 7)).toEqual(['统计范围', '单位编号', '单位名称', '窗口编号', '窗口名称', '工作人员编号', '工作人员姓名']);
  });
});

describe("a lead's window (countMonth's `only`)", () => {
  it("counts only the window's ratings, each 办件 still judged over all: a 追评 at another window takes the count away", () => {
    const first = rating({ caseNumber: 'BJ-1', ratedAt: cstMs('2026-10-10T10:00:00') });
    const followUp = rating({ caseNumber: 'BJ-1', windowId: 'w2', ratedAt: cstMs('2026-10-12T10:00:00') });
    const alone = rating({ staffId: 's3' });
    const t = countMonth('2026-10', [first, followUp, alone], 0, undefined, (f) => f.windowId === 'w1');
    expect(t.rows.find((r) => r.scope === 'window')).toMatchObject({ windowId: 'w1', total: 1 });
    expect(t.rows.filter((r) => r.scope === 'window')).toHaveLength(1);
    expect(t.rows.filter((r) => r.scope === 'staff').map((r) => [r.staffId, r.total])).toEqual([['s3', 1]]);
  });
});
