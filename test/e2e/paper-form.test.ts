import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../sync-server/store/open-store';
import { DEMO_PASSWORD } from '../../sync-server/store/demo-hall';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, dumpIndexedDb, openProfile, waitUntil, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

const PHOTO = fileURLToPath(new URL('../../public/icons/icon-512.png', import.meta.url));
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-paper');
  server = await spawnServer({ dataDir, built: true });
});
afterAll(async () => {
  await server?.stop();
});

/** The paper forms on the server: those waiting for their check, and those that count (checked). */
async function serverPaper() {
  const { store } = await openStore(dataDir, {});
  try {
    const waiting = await store.listUncheckedPaper({ windowId: 'demo-w1' }, 10);
    const counted = (await store.listRatings(0, 10)).filter((r) => r.channel === 'PAPER');
    const rows = [...waiting, ...counted];
    const photo = rows[0] ? await store.getRatingPhoto(rows[0].id) : null;
    const cases = await store.listCases({ kind: 'all' });
    return { waiting, counted, rows, photo, cases };
  } finally {
    await store.close();
  }
}

describe('Attachment 1 typed in at the window', () => {
  it('is entered offline with a photo, survives a reload as a draft, reaches the server with its photo, and counts once another clerk checks it', async () => {
    const { context, page } = await openProfile(tempDir('e2e-paper-profile'));
    const violations = await watchCsp(page);
    await page.goto(server.baseUrl + '/form');
    await page.getByLabel('工号').fill(DEMO_ACCOUNTS.LEAD);
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('办件编号').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);

    await context.setOffline(true);
    await page.reload();
    await page.getByLabel('办件编号').fill('QH-2026-11-0042');
    await page.getByLabel('输入编码或名称查找事项').fill('备案');
    await page.getByLabel('办理事项').selectOption('demo-item-1');
    await page.getByLabel('窗口').selectOption('demo-w1');
    await page.getByLabel('工作人员').selectOption('demo-s1');
    await page.getByLabel('办理日期').fill('2026-11-20');
    await page.getByLabel('不满意', { exact: true }).check();
    await page.getByLabel('办事效率低、推诿扯皮').check();
    await page.getByLabel('评价人姓名').fill('马六');
    await page.getByLabel('联系电话').fill('13700001111');
    await page.getByTestId('paper-photo-input').setInputFiles(PHOTO);
    await page.getByTestId('paper-photo-size').waitFor();
    // The draft is saved a moment after the last keystroke: wait until the tablet holds it, photo included.
    await waitUntil(
      'the draft with the last field typed and its photo on the tablet',
      () => dumpIndexedDb(page),
      (idb) =>
        (idb.meta as { key: string; value: unknown }[]).some((m) => m.key === 'paperDraft:demo-s2' && JSON.stringify(m.value).includes('13700001111')) &&
        (idb.photos as { id: string }[]).some((p) => p.id === 'draft:demo-s2'),
    );

    // Offline reload: the page comes from the service worker, the session and the draft from the tablet.
    await page.reload();
    await page.getByText(/已恢复/).waitFor();
    expect(await page.getByLabel('办件编号').inputValue()).toBe('QH-2026-11-0042');
    await page.getByTestId('paper-photo-preview').waitFor();
    await page.getByRole('button', { name: '保存并上传' }).click();
    await page.getByText(/办件 QH-2026-11-0042 的评价表已保存在本机/).waitFor();
    await page.locator('[data-testid="paper-queue"][data-forms="1"][data-photos="1"]').waitFor();
    expect((await serverPaper()).rows).toHaveLength(0);

    await context.setOffline(false);
    const arrived = await waitUntil('the form and its photo on the server', () => serverPaper(), (s) => s.waiting.length === 1 && s.photo !== null, 60_000);
    // Until someone else of the window checks it, it does not count and opens no case.
    expect(arrived.counted).toEqual([]);
    expect(arrived.cases).toEqual([]);
    expect(arrived.rows[0]).toMatchObject({
      level: 'DISSATISFIED',
      reasons: ['EFFICIENCY'],
      caseNumber: 'QH-2026-11-0042',
      staffId: 'demo-s1',
      contact: { name: '马*', phone: '137****1111' },
      paper: { serviceItemId: 'demo-item-1', serviceDate: '2026-11-20', enteredBy: 'demo-s2', hasPhoto: true },
    });
    expect(arrived.photo!.mime).toBe('image/jpeg');
    expect(arrived.photo!.bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    await waitUntil('the photo to leave the tablet', () => page.evaluate(() => document.querySelector('[data-testid="paper-queue"]')?.getAttribute('data-photos')), (n) => n === '0');
    const device = JSON.stringify(await dumpIndexedDb(page));
    expect(device).not.toContain('13700001111');
    // The typist sees it waiting for a check.
    await page.locator('[data-testid="mine-waiting"]', { hasText: 'QH-2026-11-0042' }).getByText('待核对').waitFor();
    expect(await violations()).toEqual([]);
    await context.close();

    // Another clerk of window 1 confirms it from their own session: now it counts and its case opens.
    const checker = await openProfile(tempDir('e2e-paper-checker'));
    await checker.page.goto(server.baseUrl + '/form');
    await checker.page.getByLabel('工号').fill('D1004');
    await checker.page.getByLabel('密码').fill(DEMO_PASSWORD);
    await checker.page.getByRole('button', { name: '登录' }).click();
    const toCheck = checker.page.locator('[data-testid="to-check"]', { hasText: 'QH-2026-11-0042' });
    await toCheck.getByText('137****1111').waitFor();
    await toCheck.getByRole('button', { name: '与纸质表一致，确认核对' }).click();
    await checker.page.getByText('已确认核对办件 QH-2026-11-0042 的评价表，现已计入统计。').waitFor();
    const checked = await serverPaper();
    expect(checked.counted.map((r) => [r.caseNumber, r.paper?.checkedBy])).toEqual([['QH-2026-11-0042', 'demo-s4']]);
    expect(checked.cases.map((c) => c.facts.staffId)).toEqual(['demo-s1']);
    await checker.context.close();
  });
});
