import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN } from '../../sync-server/store/demo-hall';
import { assertBuilt, loadControlledKiosk, openProfile } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';
import type { Locator } from 'playwright-core';

let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-announce-data'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

/** A finger-sized target: 44 × 44 CSS px at least. */
async function expectTouchTarget(target: Locator) {
  const box = await target.boundingBox();
  expect(box && Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
}

describe('screen changes at the kiosk, in Chromium', () => {
  it('focuses the reason heading, keeps Tab inside the modal sign-on dialog and closes it with Escape', async () => {
    const { context, page } = await openProfile(tempDir('e2e-announce-profile'));
    await loadControlledKiosk(page, server.baseUrl + '/');

    // A bad level: the reason screen's heading takes the focus, so a screen reader starts there.
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByRole('heading', { name: '您的评价：不满意' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === '您的评价：不满意' && document.activeElement.tagName === 'H1');
    await page.getByRole('button', { name: '返回', exact: true }).click();

    // The sign-on dialog is modal: focus moves in and Tab never reaches the level buttons behind it.
    const opener = page.getByRole('button', { name: '工作人员签到' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: '工作人员签到' });
    await dialog.waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('[role="dialog"]'));
    expect(await page.evaluate(() => !!document.querySelector('main.kiosk')?.closest('[inert]'))).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    }
    // A tap on the backdrop area reaches nothing behind it either.
    expect(await page.evaluate(() => document.elementFromPoint(5, 400)?.closest('main.kiosk') ?? null)).toBeNull();

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.textContent === '工作人员签到');
    expect(await page.evaluate(() => document.querySelector('[inert]'))).toBeNull();
    await context.close();
  });

  it('takes the tablet from /device back to the kiosk after a minute without a touch, locked again', async () => {
    const { context, page } = await openProfile(tempDir('e2e-announce-device-profile'));
    await loadControlledKiosk(page, server.baseUrl + '/');
    await page.clock.install();

    // Left on the locked /device page: back to the kiosk after a minute.
    await page.goto(server.baseUrl + '/device');
    await page.getByTestId('device-locked').waitFor();
    await expectTouchTarget(page.getByRole('link', { name: '返回评价页' }));
    await page.clock.fastForward(61_000);
    await page.waitForURL(server.baseUrl + '/');
    await page.getByRole('button', { name: '非常满意' }).waitFor();

    // Opened with a PIN, then left: still open at half a minute, back to the kiosk after a minute.
    await page.goto(server.baseUrl + '/device');
    await page.getByRole('button', { name: /李明/ }).click();
    await page.keyboard.type(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('device-unlocked-by').waitFor();
    await expectTouchTarget(page.getByRole('link', { name: '返回评价页' }));
    await page.clock.fastForward(30_000);
    expect(new URL(page.url()).pathname).toBe('/device');
    await page.getByTestId('device-unlocked-by').waitFor();
    await page.clock.fastForward(31_000);
    await page.waitForURL(server.baseUrl + '/');
    await page.getByRole('button', { name: '非常满意' }).waitFor();

    // Coming back finds it locked.
    await page.goto(server.baseUrl + '/device');
    await page.getByTestId('device-locked').waitFor();
    expect(await page.getByTestId('device-unlocked-by').count()).toBe(0);
    await context.close();
  });
});
