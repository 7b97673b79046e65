import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lastCompleteQuarter, previousQuarter, quarterMonths } from '../../src/domain/figures/quarter';
import type { RatingRecord } from '../../src/domain/rating';
import { payloadHash } from '../../sync-server/canonical';
import { caseOnArrival } from '../../sync-server/store/rules/case-opening';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, openProfile, signInOnPage, watchCsp } from '../support/browser';
import { demoRating } from '../support/ratings';
import { openDemoStore, spawnServer, tempDir, type ServerProcess } from '../support/server';

// The quarterly bulletin in Chromium (issue 15): the office opens the last complete quarter, the summary is written
// from the figures in Chinese, all five charts are drawn (Chart.js, loaded with this view only), the page prints to
// an A4 PDF without its controls, and switching to English rewrites the summary and redraws the charts.

let server: ServerProcess;
const quarter = lastCompleteQuarter(Date.now());
const [m1, m2, m3] = quarterMonths(quarter);
const at = (month: string, day: number) => Date.parse(`${month}-${String(day).padStart(2, '0')}T10:00:00+08:00`);

function seed(): RatingRecord[] {
  const w2 = { windowId: 'demo-w2', staffId: 'demo-s3' };
  const bad = (when: number, reasons: string[], patch: Partial<RatingRecord> = {}) => demoRating({ level: 'DISSATISFIED', reasons, ...patch }, when);
  return [
    ...[1, 2, 3, 4].map((d) => demoRating({}, at(m1!, d))),
    ...[1, 2, 3].map((d) => demoRating({ level: 'VERY_SATISFIED', ...w2 }, at(m2!, d))),
    bad(at(m2!, 10), ['ATTITUDE', 'EFFICIENCY']),
    bad(at(m3!, 10), ['ATTITUDE'], w2),
    demoRating({ level: 'BASICALLY_SATISFIED' }, at(m3!, 11)),
    // The previous quarter: 2 ratings, both good.
    ...[1, 2].map((d) => demoRating({}, at(quarterMonths(previousQuarter(quarter))[1], d))),
  ];
}

/** Every chart canvas marked drawn and holding painted pixels. */
async function chartsDrawn(page: Page, ids: string[]) {
  for (const id of ids) await page.locator(`canvas[data-testid="${id}"][data-drawn="true"]`).waitFor();
  const painted = await page.evaluate((list) => list.map((id) => {
    const c = document.querySelector<HTMLCanvasElement>(`canvas[data-testid="${id}"]`)!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  }), ids);
  for (const [i, n] of painted.entries()) expect(n, ids[i]).toBeGreaterThan(500);
}

const CHARTS = ['chart-trend', 'chart-levels', 'chart-pareto', 'chart-items', 'chart-windows'];

beforeAll(async () => {
  assertBuilt();
  const dataDir = tempDir('e2e-bulletin');
  const store = await openDemoStore(dataDir);
  const items = seed().map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
  await store.insertRatings({ deviceId: 'dev-test-0001', receivedAt: Date.now(), clockOffsetMs: 0, items });
  await store.close();
  server = await spawnServer({ dataDir, built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('the quarterly bulletin', () => {
  it('draws its charts, writes the summary in Chinese and English, and prints to an A4 PDF', async () => {
    const { context, page } = await openProfile(tempDir('e2e-bulletin-profile'));
    const violations = await watchCsp(page);
    try {
      await signInOnPage(page, server.baseUrl + '/reports', DEMO_ACCOUNTS.OFFICE);
      await page.getByRole('button', { name: '季度情况通报' }).click();
      const summary = page.getByTestId('bulletin-summary');
      await summary.waitFor();
      expect(await page.getByTestId('bulletin-quarter').inputValue()).toBe(quarter);
      const text = await summary.textContent();
      expect(text).toContain('共收到计入统计的评价 10 条，满意率 80.00%；差评 2 条，差评率 20.00%。');
      expect(text).toContain('满意率下降 20.00 个百分点');
      expect(text).toContain('差评原因中最多的是“服务态度不热情、不主动”，共 2 次，占全部原因的 66.67%。');
      expect(text).toContain('差评率最高的窗口是2号 · 2号窗口 · 价格收费（演示），差评率 25.00%（差评 1 条）。');
      await chartsDrawn(page, CHARTS);
      // The table beside the Pareto chart: most frequent first, cumulative share to 100 %.
      const reasons = page.getByTestId('table-reasons').locator('tbody tr');
      expect(await reasons.nth(0).textContent()).toContain('服务态度不热情、不主动');
      expect(await reasons.nth(1).locator('td').nth(2).textContent()).toBe('100.00%');
      expect(await page.getByTestId('ranking-units').locator('tbody tr').count()).toBe(1);

      // Print: the controls are gone, the charts are redrawn for the A4 column, and the PDF is A4 portrait.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('bulletin-quarter').isVisible()).toBe(false);
      await page.waitForFunction(() => {
        const c = document.querySelector<HTMLCanvasElement>('canvas[data-testid="chart-trend"]')!;
        return Math.abs(c.getBoundingClientRect().width - c.parentElement!.getBoundingClientRect().width) < 2;
      });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      expect(boxes.length).toBeGreaterThanOrEqual(1);
      for (const box of boxes) expect(box).toEqual([595, 842]); // 210 × 297 mm in points
      await page.emulateMedia({ media: null });

      // English: the same figures in English words, the charts drawn again with English labels.
      await page.getByRole('button', { name: 'English' }).click(); // the account bar's language switch
      await summary.filter({ hasText: 'received 10 counted ratings, a satisfaction rate of 80.00%' }).waitFor();
      expect(await summary.textContent()).toContain('The most frequent reason for a bad review was "Unfriendly or passive attitude": 2 times');
      await chartsDrawn(page, CHARTS);
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
