import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { DEMO_PIN } from '../../sync-server/store/demo-hall';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { assertBuilt, openProfile, outboxCount, waitUntil, watchCsp } from '../support/browser';
import { openDemoStore, spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;
let dataDir: string;
let admin: string;

/** Ratings on the server with the staff member and device they are credited to. */
function stored(): { staff_id: string | null; device_id: string; level: string }[] {
  const db = new Database(path.join(dataDir, 'haochaping.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT staff_id, device_id, level FROM ratings ORDER BY seq').all() as never;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-devices');
  // A real hall's catalogue and accounts (the demo hall's), served in production mode: no kiosk without enrolment.
  await (await openDemoStore(dataDir)).close();
  server = await spawnServer({ dataDir, built: true, env: { DEMO: '0' } });
  admin = await signIn(server.baseUrl, DEMO_ACCOUNTS.ADMIN);
});
afterAll(async () => {
  await server?.stop();
});

describe('a kiosk in production mode', () => {
  it('is enrolled with a code, credits the staff member on duty, follows roster changes, and says plainly when revoked', async () => {
    // The administrator makes a code for window 1 on the devices tab, on their own desktop.
    const desk = await openProfile(tempDir('e2e-devices-admin'));
    await desk.page.goto(server.baseUrl + '/admin#devices');
    await desk.page.getByLabel('工号').fill(DEMO_ACCOUNTS.ADMIN);
    await desk.page.getByLabel('密码').fill('demo1234');
    await desk.page.getByRole('button', { name: '登录' }).click();
    const form = desk.page.getByTestId('enrolment-code-form');
    await form.getByLabel('窗口', { exact: true }).selectOption('demo-w1');
    await form.getByRole('button', { name: '生成注册码' }).click();
    const shown = (await desk.page.getByTestId('enrolment-code').textContent())!;
    expect(shown).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const code = shown.replace('-', '');
    await desk.page.getByRole('img', { name: `注册码 ${shown} 的登记二维码` }).waitFor();
    expect(await desk.page.getByTestId('enrolment-url').textContent()).toContain(`/?enrol=${code}`);

    const { context, page } = await openProfile(tempDir('e2e-devices-profile'));
    const violations = await watchCsp(page);

    // The QR code's address carries the code; the tablet shows the set-up screen with it filled in.
    await page.goto(`${server.baseUrl}/?enrol=${code}&thanksMs=500`);
    await page.getByRole('heading', { name: '设置本设备' }).waitFor();
    expect(await page.getByLabel('注册码').inputValue()).toBe(code);
    await page.getByRole('button', { name: '登记本设备' }).click();
    await page.getByText(/本设备已登记到：1号窗口/).waitFor();
    await page.getByText(/持久存储/).waitFor();
    await page.getByRole('button', { name: '开始使用' }).click();
    await page.getByText('暂无工作人员在岗').waitFor(); // a real hall starts with nobody on duty

    // 李明 signs on with his PIN (checked on the tablet against the cached roster).
    await page.getByRole('button', { name: '工作人员签到' }).click();
    await page.getByRole('button', { name: /签到：李明/ }).click();
    for (const digit of '135790') await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText(/PIN 不正确，还可再试 4 次/).waitFor();
    for (const digit of DEMO_PIN) await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.locator('.staff-name', { hasText: '李明（演示）' }).waitFor();

    await page.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByText('感谢您的评价！').waitFor();
    await waitUntil('the rating on the server', () => stored(), (rows) => rows.length === 1);
    const [rating] = stored();
    expect(rating.staff_id).toBe('demo-s1');
    const devices = (await api(server.baseUrl, 'GET', '/api/v1/admin/devices', { cookie: admin })).body.devices;
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ id: rating.device_id, windowId: 'demo-w1', revokedAt: null });

    // The administrator adds someone to window 1: the kiosk's roster follows within a minute, while online.
    await api(server.baseUrl, 'POST', '/api/v1/admin/staff', {
      cookie: admin,
      body: { employeeNo: 'D1007', name: '拉姆（演示）', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], password: 'first-password' },
    });
    await page.getByRole('button', { name: '工作人员签到' }).click();
    await page.getByRole('button', { name: /签到：拉姆（演示）/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '关闭' }).click();

    // Offline, two more ratings wait; then the device is revoked and the network returns.
    await context.setOffline(true);
    for (const name of ['非常满意', '基本满意']) {
      await page.getByRole('button', { name, exact: true }).click();
      await page.getByText('感谢您的评价！').waitFor();
      await page.getByRole('button', { name: '非常满意' }).waitFor();
    }
    expect(await outboxCount(page)).toBe(2);
    await desk.page.getByRole('button', { name: '刷新' }).click();
    await desk.page.getByRole('button', { name: `停用设备 ${rating.device_id}` }).click();
    await desk.page.getByRole('button', { name: `确认停用设备 ${rating.device_id}` }).click();
    await desk.page.getByText(`已停用设备 ${rating.device_id}。`).waitFor();
    await desk.context.close();
    await context.setOffline(false);
    await page.getByRole('heading', { name: '本设备已被停用' }).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="refused-waiting"][data-count="2"]').waitFor();
    expect(await outboxCount(page)).toBe(2); // nothing deleted
    // The file is for staff: the refused screen sends them to /device, which asks for a PIN (kept offline in the roster).
    await page.getByRole('link', { name: '工作人员：在设备状态页导出未上传的评价' }).click();
    await page.getByTestId('device-locked').waitFor();
    await page.getByRole('button', { name: /李明/ }).click();
    await page.keyboard.type(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('device-unlocked-by').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出未上传记录到文件' }).click()]);
    const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(file.items).toHaveLength(2);
    expect(file.items.map((i: { record: { level: string } }) => i.record.level).sort()).toEqual(['BASICALLY_SATISFIED', 'VERY_SATISFIED']);
    expect(stored()).toHaveLength(1);
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
