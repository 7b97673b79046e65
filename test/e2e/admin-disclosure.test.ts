import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, openProfile } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

/** Issue 16: the administrator switches a unit's public disclosure and the naming of its staff; the demo hall's is on. */
let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-admin-disclose'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('a unit\'s public disclosure in /admin', () => {
  it('shows the demo hall\'s switches on, switches them off and on again, and the API serves each state', async () => {
    const { context, page } = await openProfile(tempDir('e2e-admin-disclose-profile'));
    try {
      await page.goto(server.baseUrl + '/admin#units');
      await page.getByLabel('工号').fill('D9000');
      await page.getByLabel('密码').fill('demo1234');
      await page.getByRole('button', { name: '登录' }).click();
      const card = page.locator('article[data-unit-id="demo-unit"]');
      const state = card.getByTestId('unit-disclosure');
      await state.filter({ hasText: '评价公开：已开启（显示窗口号和工号）' }).waitFor();
      const unit = async () =>
        (await page.evaluate(async () => (await fetch('/api/v1/admin/catalog')).json())).units.find((u: { id: string }) => u.id === 'demo-unit');

      await card.locator('header').getByRole('button', { name: /^编辑 / }).click();
      const form = page.getByTestId('edit-unit-form');
      expect(await form.getByLabel('向社会公开评价结果（公开页）').isChecked()).toBe(true);
      await form.getByLabel('向社会公开评价结果（公开页）').uncheck();
      await form.getByLabel('公开页显示窗口号和工号').uncheck();
      await form.getByRole('button', { name: '保存' }).click();
      await state.filter({ hasText: '评价公开：未开启' }).waitFor();
      expect(await unit()).not.toHaveProperty('disclosure');

      await card.locator('header').getByRole('button', { name: /^编辑 / }).click();
      await form.getByLabel('向社会公开评价结果（公开页）').check();
      await form.getByRole('button', { name: '保存' }).click();
      await state.filter({ hasText: '评价公开：已开启（不显示工号）' }).waitFor();
      expect(await unit()).toMatchObject({ disclosure: true });
      expect(await unit()).not.toHaveProperty('disclosureNamesStaff');
    } finally {
      await context.close();
    }
  });
});
