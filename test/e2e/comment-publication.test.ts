import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, loadControlledKiosk, openProfile, outboxCount, signInOnPage, waitUntil, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// Public disclosure in Chromium (issue 16): a citizen rates 不满意 on the kiosk, types a comment with a phone number
// and ticks "publish" (asked only once a comment is typed, unticked until then); the window's lead opens 公开审核,
// sees the preview without the number, approves it, and can withdraw it.

const PHONE = '139 0000 3333';
let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-disclose'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('a comment the citizen allows to publish', () => {
  it('is asked for on the kiosk, previewed scrubbed for the lead, approved and withdrawable', async () => {
    const kiosk = await openProfile(tempDir('e2e-disclose-kiosk'));
    try {
      await loadControlledKiosk(kiosk.page, `${server.baseUrl}/?thanksMs=500`);
      await kiosk.page.getByText('李明（演示）').waitFor();
      await kiosk.page.getByRole('button', { name: '不满意', exact: true }).click();
      await kiosk.page.getByLabel('服务态度不热情、不主动').check();
      const question = kiosk.page.getByLabel('同意将此意见匿名公开');
      expect(await question.count()).toBe(0);
      await kiosk.page.getByLabel('意见或建议（选填）').fill(`排队两个小时没人管，有事请打我电话 ${PHONE}`);
      await question.waitFor();
      expect(await question.isChecked()).toBe(false);
      await question.check();
      await kiosk.page.getByRole('button', { name: '提交' }).click();
      await kiosk.page.getByText('感谢您的评价！').waitFor();
      await waitUntil('the outbox empty', () => outboxCount(kiosk.page), (n) => n === 0, 60_000);
    } finally {
      await kiosk.context.close();
    }

    const { context, page } = await openProfile(tempDir('e2e-disclose-lead'));
    const violations = await watchCsp(page);
    try {
      await signInOnPage(page, server.baseUrl + '/staff', DEMO_ACCOUNTS.LEAD);
      await page.getByRole('button', { name: '公开审核' }).click();
      await page.getByRole('heading', { name: '公开审核' }).waitFor();
      const card = page.getByTestId('publication-waiting').locator('[data-publication-id]');
      const preview = card.getByTestId('publication-preview');
      await preview.filter({ hasText: '排队两个小时没人管' }).waitFor();
      const shown = await preview.textContent();
      expect(shown).not.toContain('3333');
      expect(shown).not.toMatch(/139\s*0000/);
      await card.getByText('服务态度不热情、不主动').waitFor();

      await card.getByRole('button', { name: '批准公开' }).click();
      const decided = page.getByTestId('publication-decided').locator('[data-publication-id]');
      await decided.getByTestId('publication-decision').filter({ hasText: /^王芳（演示） 于 .+ 批准公开$/ }).waitFor();
      expect(await decided.getByTestId('publication-preview').textContent()).toBe(shown);
      await page.getByText('暂无待审核的意见。').waitFor();

      const withdraw = decided.getByRole('button', { name: '撤回公开' });
      const box = await withdraw.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await withdraw.click();
      await decided.getByTestId('publication-decision').filter({ hasText: /决定不予公开$/ }).waitFor();
      await decided.getByText('已不予公开，未保留文字。').waitFor();
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
