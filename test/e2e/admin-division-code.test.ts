import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, openProfile } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

/** Issue 15: the administrator sets a unit's 行政区划代码, which the national export writes on each row. */
let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-division'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('a unit\'s 行政区划代码 in /admin', () => {
  it('is refused in the form unless 6 or 12 digits, then saved, shown on the unit and served by the API', async () => {
    const { context, page } = await openProfile(tempDir('e2e-division-profile'));
    await page.goto(server.baseUrl + '/admin#units');
    await page.getByLabel('工号').fill('D9000');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    const card = page.locator('article[data-unit-id="demo-unit"]');
    await card.locator('header').getByRole('button', { name: /^编辑 / }).click();
    const form = page.getByTestId('edit-unit-form');
    const field = form.getByLabel('行政区划代码');
    await field.fill('51010');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('请输入 6 位或 12 位数字，或留空').waitFor();
    await field.fill('510104001001');
    await form.getByRole('button', { name: '保存' }).click();
    await card.getByTestId('unit-division-code').filter({ hasText: '行政区划代码：510104001001' }).waitFor();
    const res = await page.evaluate(async () => (await fetch('/api/v1/admin/catalog')).json());
    expect(res.units.find((u: { id: string }) => u.id === 'demo-unit').divisionCode).toBe('510104001001');
    await context.close();
  });
});
