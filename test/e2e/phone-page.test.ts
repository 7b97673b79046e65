import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { uuidv7 } from '../../src/domain/ids';
import { SQLITE_FILE_NAME } from '../../sync-server/store/sqlite/open-sqlite';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { assertBuilt, openProfile } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// The phone rating page (/r/<token>) in the built app, real Chromium at 390×844: a 办件 rated by its token, a
// rating kept while offline and sent once when the network returns (or the page is opened again), a used and an
// unknown token each get a clear page, and the page never registers a service worker.

let server: ServerProcess;
let dataDir: string;
let clerk: string;
const tokens: Record<string, string> = {};

/** The server's rating rows of one 办件, read from its SQLite file (WAL lets a reader sit beside the server). */
function ratingsOf(caseNo: string): { id: string; channel: string; level: string; assessment_no: number | null }[] {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, channel, level, assessment_no FROM ratings WHERE case_number = ? ORDER BY seq').all(caseNo) as never;
  } finally {
    db.close();
  }
}

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { context, page } = await openProfile(tempDir('e2e-phone'));
  await page.setViewportSize({ width: 390, height: 844 });
  // A phone set to Chinese (headless Chromium says en-US, and the page follows the browser's language until a
  // language is chosen on it).
  await context.addInitScript(() => {
    if (!localStorage.getItem('hcp.phone.locale')) localStorage.setItem('hcp.phone.locale', 'zh-CN');
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

const CASES = ['PH-RATE', 'PH-OFFLINE', 'PH-RELOAD', 'PH-USED'];

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-phone-server');
  server = await spawnServer({ dataDir, built: true });
  const admin = await signIn(server.baseUrl, DEMO_ACCOUNTS.ADMIN);
  const made = await api(server.baseUrl, 'POST', API.createSystemToken.path, { cookie: admin, body: { unitId: 'demo-unit', name: '手机评价测试' } });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const now = Date.now();
  const items = CASES.map((caseNo) => ({ caseNo, serviceItemCode: 'DEMO-001', windowNumber: '1', employeeNo: 'D1001', applicantType: 'PERSON', acceptedAt: now - 3_600_000, finishedAt: now - 60_000, status: 'FINISHED' }));
  const pushed = await api(server.baseUrl, 'POST', API.pushServiceCases.path, { headers: { authorization: `Bearer ${made.body.token}` }, body: { items } });
  expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
  clerk = await signIn(server.baseUrl, DEMO_ACCOUNTS.STAFF);
  for (const result of pushed.body.results) {
    const link = await api(server.baseUrl, 'POST', `/api/v1/service-cases/${result.id}/rating-link`, { cookie: clerk });
    expect(link.status).toBe(200);
    tokens[result.caseNo] = link.body.token;
  }
});
afterAll(async () => {
  await server?.stop();
});

describe('the phone rating page at 390×844', () => {
  it('rates a 办件 by its token: item, masked 办件编号, five thumb-sized levels, reasons, contact, three languages', async () => {
    const { context, page, errors } = await phone();
    try {
      await page.goto(`${server.baseUrl}/r/${tokens['PH-RATE']}`);
      await page.getByRole('heading', { name: '服务评价' }).waitFor();
      await expect.poll(() => page.getByText('企业投资项目备案（演示）').count()).toBe(1);
      await expect.poll(() => page.getByText('***RATE', { exact: true }).count()).toBe(1);
      expect(await page.getByText('PH-RATE', { exact: true }).count()).toBe(0); // only masked
      const levels = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];
      for (const name of levels) {
        const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
        expect(box.height, name).toBeGreaterThanOrEqual(56);
        expect(box.width, name).toBeGreaterThanOrEqual(300);
      }
      // Switching the language changes every label; back to Chinese for the rating.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Very dissatisfied', exact: true }).waitFor();
      await page.getByRole('button', { name: 'བོད་ཡིག' }).click();
      await page.getByRole('button', { name: 'ཧ་ཅང་ཡིད་མི་ཚིམ།', exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('bo');
      await page.getByRole('button', { name: '中文' }).click();

      await page.getByRole('button', { name: '不满意', exact: true }).click();
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('请至少选择一个原因。').waitFor();
      const reason = page.getByRole('checkbox').first();
      const reasonBox = (await page.locator('.phone-reason').first().boundingBox())!;
      expect(reasonBox.height).toBeGreaterThanOrEqual(44);
      await reason.check();
      await page.getByLabel('电话').fill('137 0000 3333');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();

      const rows = ratingsOf('PH-RATE');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ channel: 'QR', level: 'DISSATISFIED', assessment_no: 1 });
      // No service worker on the phone page, and none registered by it.
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
      // Opened again: the 追评 is offered, with its last day.
      await page.reload();
      await page.getByText('追评', { exact: true }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('offline at submit: keeps the rating, says so, and sends it once when the network returns', async () => {
    const { context, page, errors } = await phone();
    try {
      await page.goto(`${server.baseUrl}/r/${tokens['PH-OFFLINE']}`);
      await page.getByRole('button', { name: '非常满意', exact: true }).waitFor();
      await context.setOffline(true);
      await page.getByRole('button', { name: '非常满意', exact: true }).click();
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('网络未连接：您的评价已保存在本机').waitFor();
      const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hcp.phone.pending.')).length);
      expect(kept).toBe(1);
      expect(ratingsOf('PH-OFFLINE')).toHaveLength(0);
      await context.setOffline(false);
      await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hcp.phone.pending.')).length)).toBe(0);
      expect(ratingsOf('PH-OFFLINE')).toEqual([expect.objectContaining({ level: 'VERY_SATISFIED', assessment_no: 1 })]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a rating kept offline is sent when the page is opened again, with the same id (stored once)', async () => {
    const { context, page } = await phone();
    try {
      const url = `${server.baseUrl}/r/${tokens['PH-RELOAD']}`;
      await page.goto(url);
      await page.getByRole('button', { name: '满意', exact: true }).waitFor();
      await context.setOffline(true);
      await page.getByRole('button', { name: '满意', exact: true }).click();
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('网络未连接：您的评价已保存在本机').waitFor();
      const keptId = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('hcp.phone.pending.'))!)!).request.id as string);
      await page.close();
      await context.setOffline(false);
      const again = await context.newPage();
      await again.setViewportSize({ width: 390, height: 844 });
      await again.goto(url);
      await again.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
      const rows = ratingsOf('PH-RELOAD');
      expect(rows.map((r) => r.id)).toEqual([keptId]);
      // A third visit: nothing pending any more, the 追评 is offered instead.
      await again.reload();
      await again.getByText('追评', { exact: true }).waitFor();
      expect(ratingsOf('PH-RELOAD')).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('a used token (rating and 追评 made) and an unknown token each get a clear page', async () => {
    const token = tokens['PH-USED'];
    for (const level of ['SATISFIED', 'VERY_SATISFIED']) {
      const now = Date.now();
      const res = await api(server.baseUrl, 'POST', `/api/v1/r/${token}`, { body: { id: uuidv7(), level, reasons: [], locale: 'zh-CN', madeAt: now, sentAt: now } });
      expect(res.status).toBe(200);
    }
    const { context, page, errors } = await phone();
    try {
      await page.goto(`${server.baseUrl}/r/${token}`);
      await page.getByRole('heading', { name: '这个办件已完成评价' }).waitFor();
      expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
      await page.goto(`${server.baseUrl}/r/${'Q'.repeat(43)}`);
      await page.getByRole('heading', { name: '评价链接无效' }).waitFor();
      await page.goto(`${server.baseUrl}/r/not-a-token`);
      await page.getByRole('heading', { name: '评价链接无效' }).waitFor();
      expect(await page.content()).not.toMatch(/at .+\.js:\d+|Error:/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is served as its own page with the security headers, never the app, even where the app’s worker is installed', async () => {
    const { context, page } = await phone();
    try {
      // The kiosk app installs its service worker first in this browser.
      await page.goto(server.baseUrl + '/');
      await page.evaluate(() => navigator.serviceWorker.ready);
      const answer = await page.goto(`${server.baseUrl}/r/${tokens['PH-RATE']}`);
      expect(answer!.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByRole('heading', { name: '服务评价' }).waitFor();
      expect(await page.locator('#root').count()).toBe(0);
      expect(await page.locator('#phone').count()).toBe(1);
      // No script of the staff app was loaded by the phone page.
      const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
      expect(scripts.filter((s) => /\/assets\/main-/.test(s))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

