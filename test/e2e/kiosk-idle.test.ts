import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, dumpIndexedDb, openProfile, serverRatings, waitUntil } from '../support/browser';
import { DEMO_ACCOUNTS } from '../support/api';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

const COMMENT = '排队两个小时没人管';
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-idle-data');
  server = await spawnServer({ dataDir, built: true });
});
afterAll(async () => {
  await server?.stop();
});

/** The server's abandoned-tap rows, read from its SQLite file as anyone holding the file would. */
function serverAbandonedTaps(): Record<string, unknown>[] {
  const db = new Database(path.join(dataDir, 'haochaping.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM abandoned_taps').all() as Record<string, unknown>[];
  } catch {
    return []; // no table yet
  } finally {
    db.close();
  }
}

describe('a bad tap left at the reason screen', () => {
  it('asks 还在吗？ for 15 s, then drops the rating and reaches the server as a count with no content', async () => {
    const { context, page } = await openProfile(tempDir('e2e-idle-profile'));
    try {
      // The page's clock is ours: the 60 s idle time and the 15 s countdown pass without waiting for them.
      await page.clock.install();
      await page.goto(server.baseUrl);
      await page.getByRole('button', { name: '不满意', exact: true }).click();
      await page.getByLabel('业务不熟练').check();
      await page.getByLabel('意见或建议（选填）').fill(COMMENT);

      await page.clock.fastForward(60_000);
      const dialog = page.getByRole('alertdialog', { name: '还在吗？' });
      await dialog.waitFor();
      await dialog.getByText('15 秒').waitFor();
      await page.clock.fastForward(5_000);
      await dialog.getByText('10 秒').waitFor();
      await page.clock.fastForward(10_000);
      await page.getByRole('button', { name: '非常满意' }).waitFor();

      const rows = await waitUntil('the abandoned tap on the server', () => serverAbandonedTaps(), (r) => r.length === 1);
      expect(Object.keys(rows[0]).sort()).toEqual(['id', 'month', 'window_id']);
      expect(rows[0]).toMatchObject({ window_id: 'demo-w1', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
      expect(serverRatings(dataDir)).toHaveLength(0);
      // Acknowledged, it leaves the tablet; and nothing the citizen typed was ever stored there.
      const local = await waitUntil('the acknowledged count gone from the tablet', () => dumpIndexedDb(page), (d) => (d.outbox ?? []).length === 0);
      expect(JSON.stringify(local)).not.toContain(COMMENT);
      expect(local.ratings).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is shown as a count to the lead of the window, not to window staff', async () => {
    const { context, page } = await openProfile(tempDir('e2e-idle-staff'));
    try {
      const signInAt = async (employeeNo: string) => {
        await page.goto(server.baseUrl + '/staff');
        await page.getByLabel('工号').fill(employeeNo);
        await page.getByLabel('密码').fill('demo1234');
        await page.getByRole('button', { name: '登录', exact: true }).click();
      };
      await signInAt(DEMO_ACCOUNTS.LEAD);
      const line = page.getByTestId('abandoned-taps');
      await page.getByRole('heading', { name: '待处理的差评' }).waitFor();
      await line.waitFor();
      expect(await line.getAttribute('data-count')).toBe('1');
      expect(await line.textContent()).toMatch(/差评点击后未填原因即离开：1 次/);

      await context.clearCookies();
      await signInAt(DEMO_ACCOUNTS.STAFF);
      await page.getByRole('heading', { name: '我的差评' }).waitFor(); // the clerk's own view, signed in
      await page.getByTestId('case-figures').first().waitFor();
      expect(await page.getByTestId('abandoned-taps').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
