import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, dumpIndexedDb, loadControlledKiosk, openProfile, outboxCount, serverRatings, waitUntil, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';
import type { Page } from 'playwright-core';

const PHONE = '13900001111';
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-data');
  server = await spawnServer({ dataDir, built: true });
});
afterAll(async () => {
  await server?.stop();
});

async function rateGood(page: Page, name: string, how: 'click' | 'dblclick' = 'click') {
  await page.getByRole('button', { name, exact: true })[how]();
  await page.getByText('感谢您的评价！').waitFor();
  await page.getByRole('button', { name: '非常满意' }).waitFor();
}

describe('the kiosk offline, across a browser restart', () => {
  it('keeps four ratings made offline through a restart and delivers each exactly once when the network returns', async () => {
    const profile = tempDir('e2e-profile');
    const url = `${server.baseUrl}/?thanksMs=600`;
    let { context, page } = await openProfile(profile);
    const violations = await watchCsp(page);
    await loadControlledKiosk(page, url);
    await page.getByText('李明（演示）').waitFor(); // the staff card of the window's roster

    await context.setOffline(true);
    await page.reload(); // served by the service worker
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    await page.locator('[data-testid="status-line"][data-online="false"]').waitFor();

    await rateGood(page, '满意', 'dblclick'); // a double tap is one rating
    await rateGood(page, '非常满意');
    await rateGood(page, '基本满意');
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByLabel('办事效率低、推诿扯皮').check();
    await page.getByLabel('电话').fill(PHONE);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    await page.locator('[data-testid="status-line"][data-pending="4"]').waitFor();
    expect(await outboxCount(page)).toBe(4);
    expect(await violations()).toEqual([]); // the kiosk runs under the Content-Security-Policy
    await context.close();

    ({ context, page } = await openProfile(profile));
    await context.setOffline(true);
    await page.goto(url);
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    await page.locator('[data-testid="status-line"][data-pending="4"]').waitFor();
    expect(await outboxCount(page)).toBe(4);
    expect(JSON.stringify(await dumpIndexedDb(page))).toContain(PHONE);
    expect(serverRatings(dataDir)).toHaveLength(0);

    await context.setOffline(false);
    await waitUntil('four ratings on the server', () => serverRatings(dataDir).length, (n) => n >= 4);
    await waitUntil('an empty outbox', () => outboxCount(page), (n) => n === 0);
    const stored = serverRatings(dataDir);
    expect(stored.map((r) => r.level).sort()).toEqual(['BASICALLY_SATISFIED', 'DISSATISFIED', 'SATISFIED', 'VERY_SATISFIED']);
    expect(stored.find((r) => r.level === 'DISSATISFIED')).toMatchObject({ contact_phone_masked: '139****1111', reasons_json: '["EFFICIENCY"]' });
    expect(JSON.stringify(stored)).not.toContain(PHONE); // encrypted at rest
    expect(JSON.stringify(await dumpIndexedDb(page))).not.toContain(PHONE);
    await page.getByTestId('status-line').filter({ hasText: '评价已全部上传' }).waitFor();
    await context.close();
  });
});
