import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CASE_LIVE_PATH } from '../../src/domain/case-live';
import { CASE_PATHS } from '../../src/domain/case-api';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, openProfile, waitUntil, watchCsp } from '../support/browser';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

/**
 * Issue 13: a new bad review reaches the tablets of the person rated and of their lead through the live case
 * stream, within 2 s of the push's answer (measured here, not waited for); with the stream blocked, the summary
 * poll still brings it.
 */
let server: ServerProcess;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-live'), built: true });
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.stop();
});

interface Tablet {
  page: Page;
  /** Times (Date.now()) the live stream answered 200, and summary requests finished. */
  liveOpenedAt: number[];
  summariesAt: number[];
  liveAttempts: number;
}

/** A signed-in /staff tablet in its own profile, watching its live stream and summary requests. */
async function tablet(employeeNo: string, opts: { blockLive?: boolean } = {}): Promise<Tablet & { violations: () => Promise<string[]> }> {
  const { context, page } = await openProfile(tempDir(`e2e-live-${employeeNo}`));
  contexts.push(context);
  const t: Tablet = { page, liveOpenedAt: [], summariesAt: [], liveAttempts: 0 };
  if (opts.blockLive) {
    await context.route(`**${CASE_LIVE_PATH}`, (route) => {
      t.liveAttempts++;
      return route.abort('connectionreset');
    });
  }
  page.on('response', (res) => {
    if (res.url().endsWith(CASE_LIVE_PATH) && res.status() === 200) t.liveOpenedAt.push(Date.now());
  });
  page.on('requestfinished', (req) => {
    if (req.url().endsWith(CASE_PATHS.summary)) t.summariesAt.push(Date.now());
  });
  const violations = await watchCsp(page);
  await page.goto(server.baseUrl + '/staff');
  await page.getByLabel('工号').fill(employeeNo);
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText('暂无差评。').waitFor();
  return Object.assign(t, { violations });
}

/** The stream is open and the summary was read after it opened: from now on only a notice brings a new case soon. */
async function streamReady(t: Tablet) {
  await waitUntil('the live stream open, then a summary read', () => [t.liveOpenedAt[0], t.summariesAt.at(-1)], ([open, read]) => open !== undefined && read !== undefined && read >= open, 20_000, 50);
}

async function pushBad(windowId: string, staffId: string): Promise<number> {
  const res = await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [badRating({ windowId, staffId })] });
  expect(res.status).toBe(200);
  expect(res.body.results[0].status).toBe('accepted');
  return Date.now();
}

/** From the push's answer to the alert on the page, in ms. */
async function alertAfter(page: Page, answeredAt: number, timeout: number) {
  await page.getByTestId('case-alert').waitFor({ timeout });
  return Date.now() - answeredAt;
}

describe('the live case stream in a real browser', () => {
  it('brings a bad review to the rated clerk and the lead within 2 s of the push, badge included', async () => {
    const clerk = await tablet(DEMO_ACCOUNTS.STAFF);
    const lead = await tablet(DEMO_ACCOUNTS.LEAD);
    await streamReady(clerk);
    await streamReady(lead);
    const answeredAt = await pushBad('demo-w1', 'demo-s1');
    const [clerkMs, leadMs] = await Promise.all([alertAfter(clerk.page, answeredAt, 20_000), alertAfter(lead.page, answeredAt, 20_000)]);
    console.log(`live case alert after the push's answer: clerk ${clerkMs} ms, lead ${leadMs} ms (poll while streaming: 60 s)`);
    expect(clerkMs).toBeLessThan(2_500);
    expect(leadMs).toBeLessThan(2_500);
    for (const t of [clerk, lead]) {
      await waitUntil('the badge', () => t.page.getByTestId('cases-badge').textContent(), (n) => n === '1', 10_000, 50);
      expect(t.liveOpenedAt).toHaveLength(1); // one stream, held open the whole time
      expect(await t.violations()).toEqual([]);
    }
  });

  it('with the stream blocked, the 8 s summary poll still brings the alert', async () => {
    const clerk = await tablet(DEMO_ACCOUNTS.STAFF_W2, { blockLive: true });
    await waitUntil('the stream tried and refused', () => clerk.liveAttempts, (n) => n > 0, 20_000, 50);
    const answeredAt = await pushBad('demo-w2', 'demo-s3');
    const ms = await alertAfter(clerk.page, answeredAt, 30_000);
    console.log(`case alert by the poll alone (stream blocked): ${ms} ms after the push's answer`);
    expect(clerk.liveOpenedAt).toEqual([]);
    await expect(clerk.page.getByTestId('cases-badge').textContent()).resolves.toBe('1');
  });
});
