import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn } from '../support/api';
import { assertBuilt, openProfile, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-grants'), built: true });
  // A second administrator with a password of their own: from now on, guarded roles need both.
  const admin = await signIn(server.baseUrl, 'D9000');
  const created = await api(server.baseUrl, 'POST', '/api/v1/admin/staff', {
    cookie: admin,
    body: { employeeNo: 'A0002', name: '第二管理员', unitId: 'demo-unit', windowId: null, roles: ['ADMIN'], password: 'first-password-2' },
  });
  expect(created.status).toBe(201);
  const second = await signIn(server.baseUrl, 'A0002', 'first-password-2');
  expect((await api(server.baseUrl, 'POST', '/api/v1/auth/password', { cookie: second, body: { currentPassword: 'first-password-2', newPassword: 'second admin own pw' } })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

async function signInAdmin(page: Page, employeeNo: string, password: string) {
  await page.goto(server.baseUrl + '/admin');
  await page.getByLabel('工号').fill(employeeNo);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('staff-table').waitFor();
}

describe('a role grant with two administrators', () => {
  it('waits, said so in the editor, until the other administrator approves it on their own screen', async () => {
    const first = await openProfile(tempDir('e2e-grants-a'));
    const violations = await watchCsp(first.page);
    await signInAdmin(first.page, 'D9000', 'demo1234');
    await first.page.locator('tr[data-employee-no="D1001"]').getByRole('button', { name: '编辑' }).click();
    const editor = first.page.getByTestId('edit-staff-form');
    await editor.getByTestId('role-SUPERVISION').check();
    await editor.getByRole('button', { name: '保存' }).click();
    await editor.getByText('已保存；机关党委/纪委 角色须由另一位管理员批准后才生效。').waitFor();
    const mine = first.page.getByTestId('role-grants').getByRole('listitem');
    await mine.getByText('由您提出，须由另一位管理员批准。').waitFor();
    expect(await mine.getByRole('button', { name: '批准' }).count()).toBe(0);
    expect(await first.page.locator('tr[data-employee-no="D1001"]').textContent()).not.toContain('机关党委/纪委');

    const second = await openProfile(tempDir('e2e-grants-b'));
    await signInAdmin(second.page, 'A0002', 'second admin own pw');
    const grant = second.page.getByTestId('role-grants').getByRole('listitem');
    await grant.getByText(/李明（演示）（工号 D1001）：授予 机关党委\/纪委/).waitFor();
    await grant.getByRole('button', { name: '批准' }).click();
    await second.page.getByTestId('role-grants').waitFor({ state: 'detached' });
    await second.page.locator('tr[data-employee-no="D1001"]', { hasText: '机关党委/纪委' }).waitFor();
    expect(await violations()).toEqual([]);
    await first.context.close();
    await second.context.close();
  });
});
