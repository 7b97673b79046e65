import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyPin } from '../../src/domain/pin';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { assertBuilt, openProfile, waitUntil, watchCsp } from '../support/browser';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;
const own = badRating({ staffId: 'demo-s1', contact: { name: '张三', phone: '13812345678' }, comment: '请改打 139.1234.5678' });
const ownGood = demoRating({ staffId: 'demo-s1' });
const colleague = badRating({ staffId: 'demo-s2', contact: { phone: '13987654321' } });

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-staff'), built: true });
  const res = await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [own, ownGood, colleague] });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

/** Staff land on their bad reviews (差评处理); the ratings are one tap away. */
async function openRatings(page: Page) {
  await page.getByRole('button', { name: '评价记录' }).click();
  await page.getByRole('heading', { name: '我的评价' }).waitFor();
}

const cards = (page: Page) => page.locator('[data-rating-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rating-id')));

describe('window staff on their tablet', () => {
  it('sign in, see only their own ratings, reveal a phone (logged), and keep the list offline', async () => {
    const { context, page } = await openProfile(tempDir('e2e-staff-profile'));
    const violations = await watchCsp(page);
    await page.goto(server.baseUrl + '/staff');
    await page.getByLabel('工号').fill(DEMO_ACCOUNTS.STAFF);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('工号或密码不正确。').waitFor();
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await openRatings(page);
    await waitUntil('two rating cards', () => cards(page), (ids) => ids.length === 2);
    expect((await cards(page)).sort()).toEqual([own.id, ownGood.id].sort());
    expect(await page.content()).not.toContain('13987654321');

    const card = page.locator(`[data-rating-id="${own.id}"]`);
    await expect(card.getByTestId('contact').textContent()).resolves.toContain('138****5678');
    // The comment's number is hidden in the list, said next to it, and shown with the (logged) contact.
    await expect(card.getByTestId('comment').textContent()).resolves.toBe('请改打 139****5678');
    await card.getByText('评价内容中的电话和证件号码已隐藏').waitFor();
    await card.getByRole('button', { name: '查看完整联系方式' }).click();
    await card.getByRole('link', { name: '拨打 13812345678' }).waitFor();
    await expect(card.getByTestId('comment').textContent()).resolves.toBe('请改打 139.1234.5678');
    const audit = await api(server.baseUrl, 'GET', '/api/v1/audit', { cookie: await signIn(server.baseUrl, DEMO_ACCOUNTS.SUPERVISION) });
    expect(audit.body.entries.some((e: { action: string; targetId: string; actorId: string }) => e.action === 'contact.reveal' && e.targetId === own.id && e.actorId === 'demo-s1')).toBe(true);

    // The kiosk PIN: refused when weak (said next to the field), saved when not, and sent to the window's kiosk.
    await page.getByRole('button', { name: '修改签到 PIN' }).click();
    await page.getByLabel('登录密码').fill('demo1234');
    await page.getByLabel('新 PIN（6 位数字）').fill('123456');
    await page.getByLabel('再次输入新 PIN').fill('123456');
    await page.getByRole('button', { name: '保存 PIN' }).click();
    await page.getByText('请不要使用相同数字或连续数字（如 123456）').waitFor();
    await page.getByLabel('新 PIN（6 位数字）').fill('480135');
    await page.getByLabel('再次输入新 PIN').fill('480135');
    // The server's refusal of the password is said next to the password field.
    await page.getByLabel('登录密码').fill('not-my-password');
    await page.getByRole('button', { name: '保存 PIN' }).click();
    const password = page.getByLabel('登录密码');
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await page.locator(`#${await password.getAttribute('aria-describedby')}`).filter({ hasText: '当前密码不正确。' }).waitFor();
    await password.fill('demo1234');
    await page.getByRole('button', { name: '保存 PIN' }).click();
    await openRatings(page);
    const roster = (await api(server.baseUrl, 'GET', '/api/v1/kiosk/config')).body.roster;
    expect(await verifyPin('480135', roster.find((s: { id: string }) => s.id === 'demo-s1').pinHash)).toBe(true);

    // The tablet loses the network: the person stays signed in and sees the last list, contact masked only.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await page.getByText(/当前离线，显示/).waitFor(); // the bad reviews, from the last synced copy
    await openRatings(page);
    await page.getByText(/当前离线，显示/).waitFor();
    expect((await cards(page)).sort()).toEqual([own.id, ownGood.id].sort());
    expect(await page.content()).not.toContain('13812345678');
    await expect(page.getByRole('button', { name: '查看完整联系方式' }).isDisabled()).resolves.toBe(true);

    await context.setOffline(false);
    await page.reload();
    await openRatings(page);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    const left = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('haochaping-window');
          open.onsuccess = () => {
            const req = open.result.transaction('meta').objectStore('meta').getAll();
            req.onsuccess = () => resolve(JSON.stringify(req.result));
          };
        }),
    );
    expect(left).not.toContain('138****5678'); // the cached list went with the session
    expect(await violations()).toEqual([]);

    // Supervision reads the audit log on the same page and finds the reveal.
    await page.getByLabel('工号').fill(DEMO_ACCOUNTS.SUPERVISION);
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '全部评价' }).waitFor();
    await page.getByRole('button', { name: '审计日志' }).click();
    const reveal = page.getByTestId('audit-table').locator('tr', { hasText: '查看联系方式' }).first();
    await expect(reveal.textContent()).resolves.toContain('李明（演示）');
    await context.close();
  });
});
