import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PIN } from '../../sync-server/store/demo-hall';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, dumpIndexedDb, loadControlledKiosk, openProfile, outboxCount, serverRatings, waitUntil } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PHONE = '13900002222';
const NAME = '赵小红';
let server: ServerProcess;
let dataDir: string;

function importCli(file: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/unsent/import-unsent-cli.ts'), '--file', file], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`import-unsent failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as { accepted: number; duplicate: number; conflict: number; contact: string };
}

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-device-export');
  server = await spawnServer({ dataDir, built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('/device at a kiosk', () => {
  it('is not offered to citizens, opens with a staff PIN, and exports contact only encrypted to the server, which imports it once', async () => {
    const { context, page } = await openProfile(tempDir('e2e-device-export-profile'));
    const url = `${server.baseUrl}/?thanksMs=600`;
    await loadControlledKiosk(page, url);
    // The server's export key arrives with the kiosk configuration.
    await waitUntil(
      'the export key in the kiosk configuration',
      async () => JSON.stringify((await dumpIndexedDb(page)).meta),
      (meta) => meta.includes('unsentExportKey'),
    );
    // The footer shows status only: no way into /device from the kiosk.
    await page.getByTestId('status-line').waitFor();
    expect(await page.locator('a[href*="/device"]').count()).toBe(0);

    // A citizen leaves a bad review with name and phone while the hall network is down.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByLabel('办事效率低、推诿扯皮').check();
    await page.getByLabel('姓名').fill(NAME);
    await page.getByLabel('电话').fill(PHONE);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    await page.locator('[data-testid="status-line"][data-pending="1"]').waitFor();

    // The next person at the tablet types /device: it asks for a staff PIN or a sign-in, and offers no file.
    await page.goto(server.baseUrl + '/device');
    await page.getByTestId('device-locked').waitFor();
    expect(await page.getByRole('button', { name: '导出未上传记录到文件' }).count()).toBe(0);
    expect(await page.getByText(PHONE).count()).toBe(0);

    // A wrong PIN is refused; the staff member's own PIN opens it.
    await page.getByRole('button', { name: /李明/ }).click();
    await page.keyboard.type('000111');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'PIN 不正确' }).waitFor();
    await page.keyboard.type(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('device-unlocked-by').waitFor();
    // The retention period is read from the device's database after the screen opens: wait for it, not for a moment.
    await page.getByTestId('contact-retention').filter({ hasText: '30 天' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出未上传记录到文件' }).click()]);
    const file = path.join(tempDir('e2e-device-export-file'), download.suggestedFilename());
    await download.saveAs(file);
    await page.locator('[data-testid="export-result"][data-contact="encrypted"]').waitFor();
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(NAME);
    expect(JSON.parse(text)).toMatchObject({ contact: 'encrypted', items: [{ record: { level: 'DISSATISFIED' } }] });

    // The administrator imports the file on the server: decrypted, stored once, however often it is run.
    expect(serverRatings(dataDir)).toHaveLength(0);
    expect(importCli(file)).toMatchObject({ accepted: 1, duplicate: 0, contact: 'encrypted' });
    expect(importCli(file)).toMatchObject({ accepted: 0, duplicate: 1 });
    const stored = serverRatings(dataDir);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ level: 'DISSATISFIED', contact_phone_masked: '139****2222' });

    // When the tablet syncs after all, the server already has the record: a duplicate, not a second rating.
    await context.setOffline(false);
    await waitUntil('an empty outbox', () => outboxCount(page), (n) => n === 0);
    expect(serverRatings(dataDir)).toHaveLength(1);
    await context.close();
  }, 120_000);

  it('opens for a signed-in staff session', async () => {
    const { context, page } = await openProfile(tempDir('e2e-device-session-profile'));
    await page.goto(server.baseUrl + '/device');
    await page.getByTestId('device-locked').waitFor();
    await page.getByRole('button', { name: '使用工作人员账号登录' }).click();
    await page.getByLabel('工号').fill(DEMO_ACCOUNTS.STAFF);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('device-unlocked-by').waitFor();
    await context.close();
  }, 60_000);
});
