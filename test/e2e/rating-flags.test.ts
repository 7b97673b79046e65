import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { assertBuilt, openProfile, signInOnPage, watchCsp } from '../support/browser';
import { DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

// Supervision in Chromium (issue 14): the flagged list shows a rating tapped 0.6 s after its invitation with the
// reason in Chinese, a decision "invalid" without a note is refused next to the note field, with a note it is saved
// (audited), and the ratings list shows the rating as invalid: kept, and visibly left out of the figures.

let server: ServerProcess;
const now = Date.now();
const fast = demoRating({ staffId: 'demo-s1', caseNumber: 'BJ-2026-E2E-1', invitedAt: now - 600 }, now);
const calm = demoRating({ staffId: 'demo-s1', caseNumber: 'BJ-2026-E2E-2', invitedAt: now - 9_000 }, now + 1);

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-flags'), built: true });
  const res = await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [fast, calm] });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('supervision reviews flagged ratings', () => {
  it('sees a fast tap, marks it invalid with a note, and the ratings list shows it as invalid', async () => {
    const { context, page } = await openProfile(tempDir('e2e-flags-profile'));
    const violations = await watchCsp(page);
    try {
      await signInOnPage(page, server.baseUrl + '/staff', DEMO_ACCOUNTS.SUPERVISION);
      await page.getByRole('button', { name: '异常评价' }).click();
      await page.getByRole('heading', { name: '异常评价' }).waitFor();
      const card = page.locator(`[data-flagged-id="${fast.id}"]`);
      await card.locator('[data-flag="FAST_TAP"]').filter({ hasText: '邀请后 0.6 秒即点击' }).waitFor();
      await page.getByTestId('flag-total').filter({ hasText: '本时段共 1 条异常评价' }).waitFor();
      expect(await page.locator(`[data-flagged-id="${calm.id}"]`).count()).toBe(0);

      // Invalid without a note: said next to the note field, nothing sent.
      await card.getByLabel('无效').check();
      await card.getByRole('button', { name: '保存认定' }).click();
      const note = card.getByLabel('备注');
      await card.getByRole('alert').filter({ hasText: '请说明该评价无效的原因。' }).waitFor();
      expect(await note.getAttribute('aria-invalid')).toBe('true');
      await note.fill('邀请后立即点击，经调阅监控系工作人员代按');
      await card.getByRole('button', { name: '保存认定' }).click();
      await card.getByTestId('review-mark').filter({ hasText: '无效：不计入统计' }).waitFor();
      await card.getByText('监督备注：邀请后立即点击，经调阅监控系工作人员代按').waitFor();
      await card.getByTestId('review-by').filter({ hasText: /^孙伟（演示·纪检） 于 .+ 认定无效$/ }).waitFor();

      // The decision is audited with its note.
      const audit = await api(server.baseUrl, 'GET', '/api/v1/audit?limit=10', { cookie: await signIn(server.baseUrl, DEMO_ACCOUNTS.SUPERVISION) });
      expect(audit.body.entries.find((e: { action: string }) => e.action === 'rating.review')).toMatchObject({
        targetId: fast.id, actorId: 'demo-supervision', detail: { verdict: 'INVALID', note: '邀请后立即点击，经调阅监控系工作人员代按' },
      });

      // The ratings list: the rating is still there, marked invalid.
      await page.getByRole('button', { name: '评价记录' }).click();
      const listed = page.locator(`article[data-rating-id="${fast.id}"]`);
      await listed.getByTestId('review-mark').filter({ hasText: '无效：不计入统计' }).waitFor();
      expect(await page.locator(`article[data-rating-id="${calm.id}"] [data-testid="review-mark"]`).count()).toBe(0);

      // The buttons of the review are thumb-sized.
      await page.getByRole('button', { name: '异常评价' }).click();
      const change = page.locator(`[data-flagged-id="${fast.id}"]`).getByRole('button', { name: '修改认定' });
      const box = await change.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
