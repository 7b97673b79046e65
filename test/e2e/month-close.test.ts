import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOfCst, monthRangeCst } from '../../src/domain/figures/month';
import { addMonths, closeDates, closeStatus } from '../../src/domain/figures/month-close';
import type { RatingRecord } from '../../src/domain/rating';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { cstDate } from '../../src/domain/time';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, openProfile, signInOnPage, watchCsp } from '../support/browser';
import { DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

// Month close in Chromium (issue 15): the office sees the reminder on /staff and /reports naming last month and its
// deadline, submits last month (version 1), a kiosk rating of that month arrives late (pushed with its old device
// time), the page shows it as a correction naming that rating and the changed total, and the office submits the
// corrected version 2. The month is the real last month: the server reads its own clock.

const DAY = 86_400_000;
const month = addMonths(monthOfCst(Date.now()), -1);
const { from } = monthRangeCst(month);
const monthText = `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
let server: ServerProcess;

const push = async (items: RatingRecord[]) => {
  // A kiosk whose clock is right sends today what it took last month: the rating keeps its own time.
  const res = await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items });
  expect(res.status).toBe(200);
};

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-close'), built: true });
  await push([demoRating({}, from + 2 * DAY), demoRating({ level: 'VERY_SATISFIED' }, from + 5 * DAY)]);
});
afterAll(async () => {
  await server?.stop();
});

describe('the office closes last month', () => {
  it('is reminded, submits, sees a late rating as a correction and submits version 2', async () => {
    const { context, page } = await openProfile(tempDir('e2e-close-profile'));
    const violations = await watchCsp(page);
    try {
      // /staff: the reminder names the month and the deadline, and leads to /reports.
      await signInOnPage(page, server.baseUrl + '/staff', DEMO_ACCOUNTS.OFFICE);
      const { deadline } = closeDates(month);
      const overdue = closeStatus(month, Date.now(), null) === 'overdue';
      const reminder = page.getByTestId('month-due-reminder');
      await reminder.filter({ hasText: monthText }).filter({ hasText: cstDate(deadline - 1) }).waitFor();
      expect(await reminder.textContent()).toContain(overdue ? '已逾期未报送' : `${cstDate(deadline)} 起即为逾期`);
      await reminder.getByRole('link', { name: '去报送' }).click();
      await page.waitForURL(/\/reports$/);
      await page.getByTestId('month-due-reminder').filter({ hasText: monthText }).waitFor();

      // The month close view: last month with its live figures, submitted after a confirmation.
      await page.getByRole('button', { name: '月度报送' }).click();
      const detail = page.locator(`[data-testid="month-close-detail"][data-month="${month}"]`);
      await detail.locator('[data-scope="all"] [data-cell="total"]').filter({ hasText: /^2$/ }).waitFor();
      await detail.getByTestId('month-close-submit').click();
      await detail.getByTestId('month-close-confirm').click();
      await detail.getByTestId('month-close-done').filter({ hasText: '已报送第 1 版' }).waitFor();
      await detail.getByTestId('month-close-versions').getByText('赵敏（演示·办公室）').waitFor();
      await detail.getByTestId('month-close-no-corrections').waitFor();
      await detail.getByTestId('month-close-status').filter({ hasText: overdue ? '已逾期报送' : '已按时报送' }).waitFor();
      // Submitted: the reminder is gone, and there is nothing to correct yet.
      await page.getByTestId('month-due-reminder').waitFor({ state: 'detached' });
      expect(await detail.getByTestId('month-close-submit').count()).toBe(0);

      // A kiosk that was offline syncs a rating of last month.
      const late = demoRating({ level: 'BASICALLY_SATISFIED' }, from + 20 * DAY);
      await push([late]);
      await detail.getByRole('button', { name: '刷新' }).click();
      const row = detail.locator(`[data-testid="month-close-changed-ratings"] tr[data-rating-id="${late.id}"]`);
      await row.filter({ hasText: '报送后才到达' }).filter({ hasText: '基本满意' }).waitFor();
      expect(await row.textContent()).toContain(cstDate(late.deviceTime));
      const total = detail.locator('[data-testid="month-close-changed-cells"] tr[data-scope="all"][data-cell="total"]');
      await total.filter({ hasText: '2 → 3' }).waitFor();
      await page.locator(`[data-testid="month-close-months"] tr[data-month="${month}"] [data-testid="month-corrections"]`).filter({ hasText: '1 条评价有变化' }).waitFor();

      // The corrected version 2; version 1 is kept beside it. The button is thumb-sized.
      const corrected = detail.getByTestId('month-close-submit').filter({ hasText: '报送更正版本（第 2 版）' });
      const box = await corrected.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await corrected.click();
      await detail.getByText('当前数字将冻结为第 2 版').waitFor();
      await detail.getByTestId('month-close-confirm').click();
      await detail.getByTestId('month-close-done').filter({ hasText: '已报送第 2 版' }).waitFor();
      await detail.getByTestId('month-close-no-corrections').filter({ hasText: '自第 2 版以来数字没有变化' }).waitFor();
      expect(await detail.locator('[data-testid="month-close-versions"] tbody tr').count()).toBe(2);
      await detail.locator('[data-scope="all"] [data-cell="total"]').filter({ hasText: /^3$/ }).waitFor();
      // The months list: no corrections pending for last month now.
      await page.locator(`[data-testid="month-close-months"] tr[data-month="${month}"] [data-testid="month-corrections"]`).filter({ hasText: '无变化' }).waitFor();

      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
