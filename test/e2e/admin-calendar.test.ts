import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_CALENDAR_YEARS } from '../../src/domain/calendar-data';
import { cstDate } from '../../src/domain/time';
import { dateSpan, isWeekend } from '../../src/domain/workdays';
import { assertBuilt, openProfile, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-calendar'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

// The server names this year and next when they have no table (real time: 2026-11 when this was written, so 2027).
const thisYear = Number(cstDate(Date.now()).slice(0, 4));
const published = new Set(PUBLISHED_CALENDAR_YEARS.map((y) => y.year));
const missing = [thisYear, thisYear + 1].filter((y) => !published.has(y));
const year = missing[0];

/** What the server itself holds, read with the page's session. */
async function serverCalendar(page: Page, baseUrl: string): Promise<{ years: { year: number; holidays: string[]; workdays: string[]; source: string }[]; missingYears: number[] }> {
  const res = await page.request.get(`${baseUrl}/api/v1/admin/calendar`);
  expect(res.status()).toBe(200);
  return res.json();
}

describe('the working-day calendar tab', () => {
  it('warns of the missing year, keeps a bad line on the device, then saves the year and the warning goes', async () => {
    expect(missing.length, 'a year without a table to enter').toBeGreaterThan(0);
    const makeUpDay = dateSpan(`${year}-09-20`, `${year}-09-30`).find(isWeekend)!;

    const { context, page } = await openProfile(tempDir('e2e-calendar-profile'));
    const violations = await watchCsp(page);
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/v1/admin/calendar')) puts.push(r.url());
    });

    await page.goto(server.baseUrl + '/admin');
    await page.getByLabel('工号').fill('D9000');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('staff-table').waitFor();

    // The tab warns wherever the administrator is, before the tab is opened.
    await page.getByTestId('tab-calendar').getByTestId('calendar-missing-badge').waitFor();
    await page.getByTestId('tab-calendar').click();
    const warning = page.getByTestId('calendar-missing');
    await warning.getByText(`${year} 年的节假日安排尚未录入：涉及该年度的截止日期将显示为“待定”。`).waitFor();
    // The stored years are there to look at: this year's months by default.
    const shown = page.getByTestId('calendar-year');
    expect(await shown.getAttribute('data-year')).toBe(String(Math.min(thisYear, Math.max(...published))));
    expect(await page.getByTestId('calendar-months').locator('table.month-grid').count()).toBe(12);

    // Enter the year, with one line that is no date.
    await page.getByTestId(`enter-calendar-${year}`).click();
    const form = page.getByTestId('add-calendar-form');
    expect(await form.getByTestId('year').inputValue()).toBe(String(year));
    await form.getByTestId('source').fill(`国务院办公厅关于${year}年部分节假日安排的通知（端到端测试）https://www.gov.cn/`);
    await form.getByTestId('holidays').fill(`${year}-01-01\n${year}-10-01至10-07\n${year}-10-8x`);
    await form.getByTestId('workdays').fill(makeUpDay);
    await form.getByRole('button', { name: '保存' }).click();

    const holidaysField = form.locator('.text-field', { has: page.getByTestId('holidays') });
    await holidaysField.locator('.field-error').getByText(`第 3 行：无法识别“${year}-10-8x”`).waitFor();
    expect(await form.getByTestId('holidays').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByTestId('workdays').getAttribute('aria-invalid')).toBe('false');
    // Nothing was sent, and the server still misses the year.
    expect(puts).toEqual([]);
    expect((await serverCalendar(page, server.baseUrl)).missingYears).toContain(year);

    // Corrected, it saves; the warning and the badge go, and the saved year is shown.
    await form.getByTestId('holidays').fill(`${year}-01-01\n${year}-10-01至10-07`);
    await holidaysField.locator('.field-error').waitFor({ state: 'detached' });
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已保存 ${year} 年的工作日历。`).waitFor();
    expect(puts).toEqual([`${server.baseUrl}/api/v1/admin/calendar/${year}`]);
    await form.waitFor({ state: 'detached' });
    if (missing.length === 1) {
      await warning.waitFor({ state: 'detached' });
      expect(await page.getByTestId('calendar-missing-badge').count()).toBe(0);
    }
    await page.locator(`[data-testid="calendar-year"][data-year="${year}"]`).waitFor();
    const months = page.getByTestId('calendar-months');
    expect(await months.locator(`[data-date="${year}-10-04"]`).getAttribute('data-kind')).toBe('HOLIDAY');
    expect(await months.locator(`[data-date="${makeUpDay}"]`).getAttribute('data-kind')).toBe('MAKEUP_WORKDAY');
    expect(await months.locator(`[data-date="${year}-10-08"]`).getAttribute('data-kind')).toBe(isWeekend(`${year}-10-08`) ? 'WEEKEND' : 'WEEKDAY');
    expect(await page.getByTestId('calendar-months-holidays').textContent()).toContain('10月1日至10月7日（共 7 天）');
    expect(await page.getByTestId('calendar-year-select').inputValue()).toBe(String(year));

    // The server holds the year as entered.
    const after = await serverCalendar(page, server.baseUrl);
    expect(after.missingYears).not.toContain(year);
    const saved = after.years.find((y) => y.year === year);
    expect(saved).toEqual({
      year,
      holidays: [`${year}-01-01`, ...dateSpan(`${year}-10-01`, `${year}-10-07`)],
      workdays: [makeUpDay],
      source: `国务院办公厅关于${year}年部分节假日安排的通知（端到端测试）https://www.gov.cn/`,
    });

    // A reload keeps the tab (#calendar) and shows no warning for the year any more.
    await page.reload();
    await page.locator('[data-testid="calendar-year"]').waitFor();
    expect(await page.getByText(`${year} 年的节假日安排尚未录入`).count()).toBe(0);
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
