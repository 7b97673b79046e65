import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, openProfile, waitUntil, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

const PHOTO = fileURLToPath(new URL('../../public/icons/icon-512.png', import.meta.url));
let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-admin'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('the administrator', () => {
  it('adds a staff member with a photo, resized on the device, who then shows on the demo kiosk roster', async () => {
    const { context, page } = await openProfile(tempDir('e2e-admin-profile'));
    const violations = await watchCsp(page);
    await page.goto(server.baseUrl + '/admin');
    await page.getByLabel('工号').fill('D9000');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('staff-table').waitFor();

    await page.getByTestId('add-staff').click();
    const form = page.getByTestId('add-staff-form');
    await form.getByLabel('工号').fill('D1009');
    await form.getByLabel('姓名').fill('才让（演示）');
    await form.getByLabel('窗口', { exact: true }).selectOption({ index: 1 });
    await form.getByLabel('初始密码').fill('first-password-1');
    await form.getByTestId('staff-photo-input').setInputFiles(PHOTO);
    await form.getByText(/已处理：/).waitFor();
    await form.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('已创建 才让（演示）（工号 D1009）的账号。').waitFor();
    await page.locator('tr[data-employee-no="D1009"] img').waitFor();

    // The photo arrived resized: at most 480×600, as a JPEG.
    const config = await (await fetch(server.baseUrl + '/api/v1/kiosk/config')).json();
    const card = config.roster.find((s: { employeeNo: string }) => s.employeeNo === 'D1009');
    expect(card).toBeTruthy();
    const photo = await fetch(server.baseUrl + card.photoUrl);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const size = await page.evaluate(async (url) => {
      const img = await createImageBitmap(await (await fetch(url)).blob());
      return [img.width, img.height];
    }, card.photoUrl);
    expect(size[0]).toBeLessThanOrEqual(480);
    expect(size[1]).toBeLessThanOrEqual(600);

    expect(await violations()).toEqual([]); // the admin screens run under the Content-Security-Policy

    // The kiosk of window 1 picks up the new roster and shows the photo.
    await page.goto(server.baseUrl + '/');
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    await waitUntil(
      'the kiosk to cache the new roster',
      () => page.evaluate(() => new Promise<string>((resolve) => {
        const open = indexedDB.open('haochaping-window');
        open.onsuccess = () => {
          const req = open.result.transaction('meta').objectStore('meta').get('kioskConfig');
          req.onsuccess = () => resolve(JSON.stringify(req.result ?? null));
        };
      })),
      (text) => text.includes('D1009'),
    );
    await page.goto(server.baseUrl + '/device');
    const entry = page.locator('[data-testid="roster"] li', { hasText: '才让（演示）' });
    await entry.waitFor();
    await expect(entry.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
