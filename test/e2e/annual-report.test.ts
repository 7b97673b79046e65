import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearOfCst } from '../../src/domain/figures/annual-report';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { assertBuilt, openProfile, signInOnPage, watchCsp } from '../support/browser';
import { action, pushActions } from '../support/cases';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

// Supervision in Chromium (issue 15): the annual rectification report shows a bad review handled through the real
// case step routes with its four records, the XLSX downloads and reads back, and the print view is A4 landscape
// with each unit on a page of its own.

let server: ServerProcess;
const YEAR = yearOfCst(Date.now());
const handled = badRating({ staffId: 'demo-s1', comment: '材料一次没说清，回电 13812345678' });

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-annual'), built: true });
  expect((await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [handled] })).status).toBe(200);
  const staff = await signIn(server.baseUrl, DEMO_ACCOUNTS.STAFF);
  const res = await pushActions(server.baseUrl, staff, [
    action(handled.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '已电话致歉' }, 0),
    action(handled.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_WITHIN_5', note: '核实属实' }, 1),
    action(handled.id, 'demo-s1', { type: 'RECTIFY', what: '编制一次性告知清单并张贴' }, 2),
    action(handled.id, 'demo-s1', { type: 'REPLY', channel: 'SMS', text: '已整改，欢迎再次监督' }, 3),
    action(handled.id, 'demo-s1', { type: 'CLOSE' }, 4),
  ]);
  expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('accepted'));
});
afterAll(async () => {
  await server?.stop();
});

describe('the annual rectification report', () => {
  it('shows a handled bad review’s four records, downloads the XLSX and prints A4 landscape', async () => {
    const { context, page } = await openProfile(tempDir('e2e-annual-profile'));
    const violations = await watchCsp(page);
    try {
      await signInOnPage(page, server.baseUrl + '/reports', DEMO_ACCOUNTS.SUPERVISION);
      await page.getByRole('button', { name: '年度整改报告' }).click();
      await page.getByRole('heading', { name: `${YEAR}年度差评整改情况报告`, exact: true }).waitFor();
      const card = page.locator(`article[data-rating-id="${handled.id}"]`);
      await card.waitFor();
      expect(await card.getAttribute('data-stage')).toBe('CLOSED');
      const record = (name: string) => card.getByRole('region', { name });
      await record('差评记录').filter({ hasText: '材料一次没说清，回电 138****5678' }).waitFor();
      expect(await record('差评记录').textContent()).toContain('实名');
      expect(await record('情况说明').textContent()).toMatch(/电话回访（李明（演示））：已电话致歉/);
      expect(await record('情况说明').textContent()).toContain('决定：5个工作日内整改（李明（演示））');
      expect(await record('整改情况').textContent()).toContain('编制一次性告知清单并张贴');
      expect(await record('回复情况').textContent()).toMatch(/已整改，欢迎再次监督.*短信回复/);
      expect(await card.textContent()).toContain('整改期限');
      expect(await card.textContent()).not.toContain('13812345678');
      await page.getByTestId('annual-subtotal').filter({ hasText: '已整改1' }).waitFor();

      // The XLSX the link downloads.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 XLSX' }).click()]);
      const file = tempDir('e2e-annual-xlsx') + '/annual.xlsx';
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.worksheets[0]!;
      expect(String(sheet.getCell('A1').value)).toContain(`${YEAR}年度差评整改情况报告`);
      const cells: string[] = [];
      sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
      expect(cells.join('\n')).toContain('编制一次性告知清单并张贴');
      expect(cells.join('\n')).not.toContain('13812345678');

      // On paper: no controls, each unit on a new page, the signature block, A4 landscape.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
      expect(await page.locator('.account-bar').isVisible()).toBe(false);
      expect(await page.locator('.annual-unit').first().evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
      expect(await card.evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
      expect(await page.getByText('制表人：').isVisible()).toBe(true);
      await page.evaluate(() => document.fonts.ready);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      expect(box, 'a page size in the PDF').not.toBeNull();
      // 297 × 210 mm in points.
      expect(Math.round(Number(box![1]))).toBe(842);
      expect(Math.round(Number(box![2]))).toBe(595);
      await page.emulateMedia({ media: null });
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a clerk through the API and shows a lead only their window', async () => {
    const staff = await signIn(server.baseUrl, DEMO_ACCOUNTS.STAFF);
    expect((await api(server.baseUrl, 'GET', `/api/v1/reports/annual?year=${YEAR}`, { cookie: staff })).status).toBe(403);
    const lead = await signIn(server.baseUrl, DEMO_ACCOUNTS.LEAD);
    const res = await api(server.baseUrl, 'GET', `/api/v1/reports/annual?year=${YEAR}`, { cookie: lead });
    expect(res.body.units[0].windows.map((w: { windowId: string }) => w.windowId)).toEqual(['demo-w1']);
  });
});
