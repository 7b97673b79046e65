import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS } from '../../src/domain/figures/attachment2-columns';
import { monthOfCst, monthRangeCst } from '../../src/domain/figures/month';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { XLSX_LAYOUT } from '../../sync-server/figures/attachment2-xlsx';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, openProfile, signInOnPage, watchCsp } from '../support/browser';
import { DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

// The office in Chromium (issue 15): /reports opens on Attachment 2 of last month, the table shows the figures
// (rates with numerator/denominator, "—" for 0/0), the XLSX downloads (a real download event) and opens with
// exceljs (two merged header rows, numbers as numbers), and the print view fits the width of A4 landscape.

let server: ServerProcess;
// Last month on the China clock: the month the screen opens on.
const thisMonth = monthOfCst(Date.now());
const [y, m] = thisMonth.split('-').map(Number) as [number, number];
const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
const at = monthRangeCst(lastMonth).from + 10 * 86_400_000 + 9 * 3_600_000;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-a2'), built: true });
  const items = [
    demoRating({ level: 'VERY_SATISFIED', staffId: 'demo-s1' }, at),
    demoRating({ level: 'SATISFIED', staffId: 'demo-s2', channel: 'QR' }, at + 60_000),
    demoRating({ level: 'VERY_DISSATISFIED', windowId: 'demo-w2', staffId: 'demo-s3', reasons: ['ATTITUDE'] }, at + 120_000),
  ];
  const res = await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('Attachment 2 on /reports', () => {
  it('shows last month, downloads an XLSX that opens with merged headers and numbers, and prints on A4 landscape', async () => {
    const { context, page } = await openProfile(tempDir('e2e-a2-profile'));
    const violations = await watchCsp(page);
    try {
      await signInOnPage(page, server.baseUrl + '/reports', DEMO_ACCOUNTS.OFFICE);
      await page.getByRole('heading', { name: '评价数据统计表' }).waitFor();
      expect(await page.getByTestId('a2-month').inputValue()).toBe(lastMonth);
      const table = page.getByTestId('a2-table');
      const total = table.locator('tbody tr.a2-row-all');
      await total.waitFor();
      const cells = await total.locator('th, td').allTextContents();
      const col = (key: string) => 4 + FIGURE_COLUMNS.findIndex((c) => c.key === key);
      expect(cells[0]).toBe('合计');
      expect(cells[col('total')]).toBe('3');
      expect(cells[col('satisfaction')]).toBe('66.672/3');
      expect(await total.locator('td').nth(col('satisfaction') - 1).locator('.a2-fraction').textContent()).toBe('2/3');
      expect(cells[col('callBackRate')]).toBe('—0/0'); // no phone left: no call-back due, never 100%
      await page.getByRole('columnheader', { name: '评价等级' }).waitFor();
      expect(await page.getByRole('columnheader', { name: '评价等级' }).getAttribute('colspan')).toBe('5');
      await page.getByTestId('a2-meta').filter({ hasText: /差评处理情况截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/ }).waitFor();
      expect(await table.locator('tbody tr').count()).toBe(1 + 1 + 2 + 3);

      // One unit: the picker lists the demo unit by name.
      await page.getByTestId('a2-unit').selectOption('demo-unit');
      await page.getByTestId('a2-meta').filter({ hasText: '单位：【演示】省发展改革委驻省政务服务中心窗口' }).waitFor();

      // The XLSX: a real download, opened as an office would.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('a2-xlsx').click()]);
      expect(download.suggestedFilename()).toBe(`评价数据统计表-${lastMonth}-【演示】省发展改革委驻省政务服务中心窗口.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getCell(XLSX_LAYOUT.titleRow, 1).value).toBe('评价数据统计表');
      expect(sheet.getCell(XLSX_LAYOUT.groupRow, col('VERY_SATISFIED') + 1).value).toBe('评价等级');
      expect(sheet.getCell(XLSX_LAYOUT.headerRow, col('VERY_SATISFIED') + 1).value).toBe('非常满意');
      expect(sheet.getCell(XLSX_LAYOUT.groupRow, col('VERY_DISSATISFIED') + 1).master.address).toBe(sheet.getCell(XLSX_LAYOUT.groupRow, col('VERY_SATISFIED') + 1).address);
      expect(sheet.getCell(XLSX_LAYOUT.headerRow, 1).master.address).toBe('A4');
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow, col('total') + 1).value).toBe(3);
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow, col('satisfaction') + 1).value).toBe(66.67);
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow, col('callBackRate') + 1).value).toBe('—');

      // The print view: at the width of A4 landscape less its margins (297 − 2 × 7 mm), the table fits, no cell
      // spills, and the PDF Chromium prints is one landscape A4 page.
      const printWidth = Math.floor(((297 - 14) / 25.4) * 96);
      await page.setViewportSize({ width: printWidth, height: 700 });
      await page.emulateMedia({ media: 'print' });
      const fit = await page.evaluate(() => {
        const t = document.querySelector('[data-testid="a2-table"]') as HTMLTableElement;
        const spills = [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent);
        return { table: t.getBoundingClientRect().right, page: document.documentElement.scrollWidth, spills, nav: getComputedStyle(document.querySelector('.a2-controls')!).display };
      });
      expect(fit.table).toBeLessThanOrEqual(printWidth);
      expect(fit.page).toBeLessThanOrEqual(printWidth);
      expect(fit.spills).toEqual([]);
      expect(fit.nav).toBe('none');
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: false })).toString('latin1');
      const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((b) => [Number(b[1]), Number(b[2])]);
      expect(boxes.length).toBe(1);
      expect(boxes[0]![0]).toBeCloseTo(841.9, 0); // 297 mm wide
      expect(boxes[0]![1]).toBeCloseTo(595.3, 0); // 210 mm high
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("shows a lead only their window: its row and its staff, no unit picker", async () => {
    const { context, page } = await openProfile(tempDir('e2e-a2-lead'));
    try {
      await signInOnPage(page, server.baseUrl + '/reports', DEMO_ACCOUNTS.LEAD);
      const table = page.getByTestId('a2-table');
      await table.locator('tbody tr.a2-row-window').waitFor();
      await page.getByText('统计范围：1 1号窗口 · 投资项目审批（演示）（本窗口）').waitFor();
      expect(await page.getByTestId('a2-unit').count()).toBe(0);
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.className, tr.children[0]!.textContent, tr.children[3]!.textContent]));
      expect(rows).toEqual([['a2-row-window', '窗口', ''], ['a2-row-staff', '工作人员', '李明（演示）'], ['a2-row-staff', '工作人员', '王芳（演示）']]);
      expect(await table.textContent()).not.toContain('2号窗口');
    } finally {
      await context.close();
    }
  }, 60_000);
});
