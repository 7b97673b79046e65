import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_PATHS, type CaseListResponse } from '../../src/domain/case-api';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, dumpIndexedDb, openProfile } from '../support/browser';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-case-answer'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('a case step on the tablet', () => {
  it('shows as the server took it from the push answer alone: one round trip, no download of the list', async () => {
    const rating = badRating({ staffId: 'demo-s1' });
    expect((await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [rating] })).status).toBe(200);

    const { context, page } = await openProfile(tempDir('e2e-case-answer-tablet'));
    const calls: string[] = [];
    context.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname === CASE_PATHS.list || url.pathname === CASE_PATHS.push) calls.push(`${req.method()} ${url.pathname}`);
    });
    await page.goto(server.baseUrl + '/staff');
    await page.getByLabel('工号').fill(DEMO_ACCOUNTS.STAFF);
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const card = page.locator(`[data-case-id="${rating.id}"]`);
    await card.waitFor();
    expect(calls).toEqual([`GET ${CASE_PATHS.list}`]);

    await card.getByRole('button', { name: '记录回访', exact: true }).click();
    const form = card.getByRole('form', { name: '记录回访' });
    await form.getByLabel('备注', { exact: true }).fill('已致歉，说明改进措施');
    await form.getByRole('button', { name: '保存' }).click();
    // Acknowledged (nothing waits) and in the case's history as the server's event, with its author's name.
    await page.locator(`[data-case-id="${rating.id}"][data-stage="CALLED_BACK"]`).waitFor();
    await card.locator('.case-history li:not(.case-local)').filter({ hasText: '回访' }).waitFor();
    await expect(card.locator('.case-local').count()).resolves.toBe(0);
    await expect(card.locator('.case-history li').first().textContent()).resolves.toContain('李明');
    expect(calls).toEqual([`GET ${CASE_PATHS.list}`, `POST ${CASE_PATHS.push}`]);

    // The copy kept for offline use holds the step too.
    const meta = (await dumpIndexedDb(page)).meta as { key: string; value: { response: CaseListResponse; stale?: boolean } }[];
    const saved = meta.find((m) => m.key === 'casesCache')!.value;
    expect(saved.stale).not.toBe(true);
    expect(saved.response.cases.find((c) => c.facts.id === rating.id)!.events.map((e) => e.action.type)).toEqual(['CALL_BACK']);
    await context.close();
  });
});
