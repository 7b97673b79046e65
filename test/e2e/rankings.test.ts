import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, openProfile, signInOnPage, watchCsp } from '../support/browser';
import { seedRankingYear } from '../support/rankings-seed';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// Rankings and flags in Chromium (issue 15): personnel opens /reports → 排名与预警 for 2025 Q4 and sees 李明 flagged
// (two adopted bad reviews: award eligibility lost) with the two ratings behind it, the 不予采纳 one nowhere, and
// raw and adopted rates side by side; supervision, who reads cases, follows a rating's case link to /staff.

let server: ServerProcess;
let seeded: Awaited<ReturnType<typeof seedRankingYear>>;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-rankings'), built: true });
  seeded = await seedRankingYear(server.baseUrl);
});
afterAll(async () => {
  await server?.stop();
});

async function openRankings(page: import('playwright-core').Page, who: string) {
  await signInOnPage(page, server.baseUrl + '/reports', who);
  await page.getByRole('button', { name: '排名与预警' }).click();
  await page.getByRole('heading', { name: '排名与预警', level: 1 }).waitFor();
  await page.getByLabel('年度').selectOption('2025');
  await page.getByLabel('季度').selectOption('4');
  await page.getByRole('button', { name: '显示' }).click();
  await page.locator('[data-testid="rankings-report"][data-year="2025"][data-quarter="4"]').waitFor();
}

describe('rankings and flags', () => {
  it('personnel sees a staff member flagged with the ratings behind it; supervision follows the case link', async () => {
    const { context, page } = await openProfile(tempDir('e2e-rankings-profile'));
    const violations = await watchCsp(page);
    try {
      await openRankings(page, DEMO_ACCOUNTS.PERSONNEL);
      const flag = page.locator('[data-flag-kind="STAFF_AWARD_LOST"][data-staff-id="demo-s1"]');
      await flag.getByRole('heading', { name: '李明（演示）（工号 D1001）：2025年被采纳差评 2 次，取消评先评优资格' }).waitFor();
      const first = flag.locator(`tr[data-rating-id="${seeded.s1First.id}"]`);
      await first.filter({ hasText: '2025-05-15' }).filter({ hasText: '不满意' }).filter({ hasText: '立行立改' }).waitFor();
      await flag.locator(`tr[data-rating-id="${seeded.s1Second.id}"]`).filter({ hasText: '非常不满意' }).filter({ hasText: '尚未决定（按采纳计）' }).waitFor();
      // Personnel does not read cases: the case is said to be handled elsewhere, with no link.
      expect(await flag.getByRole('link').count()).toBe(0);
      await first.getByText('案件由窗口和纪检监察处理').waitFor();
      // 卓玛 has one adopted and one approved 不予采纳: no award flag; the 不予采纳 rating is named nowhere.
      expect(await page.locator('[data-flag-kind="STAFF_AWARD_LOST"][data-staff-id="demo-s4"]').count()).toBe(0);
      expect(await page.locator(`[data-rating-id="${seeded.s4NotAdopted.id}"]`).count()).toBe(0);
      // Window 1 over 5%, with raw and adopted rates side by side.
      await page.locator('[data-flag-kind="OVER_SHARE"][data-window-id="demo-w1"]').waitFor();
      const w1 = page.getByTestId('year-windows').locator('tr[data-window-id="demo-w1"]');
      await w1.locator('[data-rate="raw"]').filter({ hasText: '57.14%（4/7）' }).waitFor();
      await w1.locator('[data-rate="adopted"]').filter({ hasText: '50.00%（3/6）' }).waitFor();
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }

    const supervision = await openProfile(tempDir('e2e-rankings-supervision'));
    try {
      const { page } = supervision;
      await openRankings(page, DEMO_ACCOUNTS.SUPERVISION);
      const row = page.locator('[data-flag-kind="STAFF_AWARD_LOST"][data-staff-id="demo-s1"]').locator(`tr[data-rating-id="${seeded.s1First.id}"]`);
      await row.getByRole('link', { name: '查看案件' }).click();
      await page.waitForURL(`**/staff?case=${seeded.s1First.id}`);
      const card = page.locator(`[data-case-id="${seeded.s1First.id}"][data-focused]`);
      await card.waitFor();
      // The linked case is first in the list and has the focus.
      expect(await page.locator('[data-case-id]').first().getAttribute('data-case-id')).toBe(seeded.s1First.id);
      expect(await card.evaluate((el) => el === document.activeElement)).toBe(true);
    } finally {
      await supervision.context.close();
    }
  });

  it('the administrator sets the bottom place three quarters running, and window 1 is flagged', async () => {
    const { context, page } = await openProfile(tempDir('e2e-rankings-admin'));
    const violations = await watchCsp(page);
    try {
      await page.goto(server.baseUrl + '/admin#rankings');
      await page.getByLabel('工号').fill(DEMO_ACCOUNTS.ADMIN);
      await page.getByLabel('密码').fill('demo1234');
      await page.getByRole('button', { name: '登录' }).click();
      const form = page.getByTestId('ranking-settings');
      await form.waitFor();
      const places = form.getByLabel('倒数名次 K');
      expect(await places.inputValue()).toBe('3');
      await places.fill('0');
      await form.getByRole('button', { name: '保存' }).click();
      await form.getByRole('alert').filter({ hasText: '请输入 1 至 50 之间的整数' }).waitFor();
      await places.fill('1');
      await form.getByRole('button', { name: '保存' }).click();
      await page.getByText('已保存，排名与预警按新设置计算。').waitFor();
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
    const personnel = await openProfile(tempDir('e2e-rankings-personnel-2'));
    try {
      await openRankings(personnel.page, DEMO_ACCOUNTS.PERSONNEL);
      const run = personnel.page.locator('[data-flag-kind="BOTTOM_RUN"][data-window-id="demo-w1"]');
      await run.getByRole('heading', { name: /：连续 3 个季度排名倒数 1 名以内$/ }).waitFor();
      await run.getByText('2025-Q2：第 2 名 / 共 2 名').waitFor();
    } finally {
      await personnel.context.close();
    }
  });
});
