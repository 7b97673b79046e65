import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStore } from '../../sync-server/store/open-store';
import { api, DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, dumpIndexedDb, openProfile, waitUntil, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// Window staff type a 办件 in on their tablet offline, it reaches the server (source TABLET) when the network
// returns, and from its detail they invite a rating at the kiosk, show the phone link as a QR code, copy it, and
// print the receipt slip in its two layouts (A6, 80 mm thermal).

let server: ServerProcess;
let dataDir: string;
const CASE_NO = 'QH-TB-2026-0815';
const MM_PX = 96 / 25.4;
const MM_PT = 72 / 25.4;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-tablet-cases');
  server = await spawnServer({ dataDir, built: true });
});
afterAll(async () => {
  await server?.stop();
});

async function serverCase(caseNo: string) {
  const { store } = await openStore(dataDir, {});
  try {
    return await store.findServiceCase('demo-unit', caseNo);
  } finally {
    await store.close();
  }
}

const row = (page: Page, caseNo: string) => page.locator('[data-testid="service-case-row"]', { hasText: caseNo });

async function openServiceCases(page: Page) {
  await page.getByRole('button', { name: '办件', exact: true }).click();
  await page.getByRole('heading', { name: '我的今日办件' }).waitFor();
}

/** Every control of the screen measured: none smaller than 44×44 CSS px (a radio is measured by its label). */
async function smallTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.service-cases-screen :is(button, select, input:not([type=radio]), label.choice), .service-case-detail :is(button, select, input)')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ what: el.textContent?.trim() || el.getAttribute('name') || el.tagName, ...el.getBoundingClientRect().toJSON() }))
      .filter((r) => r.width < 44 || r.height < 44),
  );
}

/** The PDF's page sizes in points (Chromium writes one MediaBox per page). */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }));
}

/** The `size` of the named @page rule in the app's stylesheets (run in the page). */
function pageRuleSize(name: string): string | null {
  for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) if (rule instanceof CSSPageRule && rule.selectorText === name) return /size:\s*([^;}]+?)\s*[;}]/.exec(rule.cssText)?.[1] ?? '';
  return null;
}

describe('办件 on the window staff tablet', () => {
  it('is typed in offline, kept across a reload, sent when online (source TABLET), and rated from its detail: kiosk, QR, copy, receipt', async () => {
    const { context, page } = await openProfile(tempDir('e2e-tablet-cases-profile'));
    // The print dialog cannot be driven headless: the test counts the calls and looks at the print layout itself.
    await page.addInitScript(() => {
      (window as unknown as { printCalls: number }).printCalls = 0;
      window.print = () => void (window as unknown as { printCalls: number }).printCalls++;
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    const violations = await watchCsp(page);
    await page.goto(server.baseUrl + '/staff');
    await page.getByLabel('工号').fill(DEMO_ACCOUNTS.STAFF);
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await openServiceCases(page);
    await page.getByText('今天还没有办件。').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);

    // Offline from here: the page from the service worker, the session and the list from the tablet.
    await context.setOffline(true);
    await page.reload();
    await openServiceCases(page);
    await page.getByRole('button', { name: '录入办件' }).click();
    await page.getByLabel('办件编号').fill(CASE_NO);
    await page.getByLabel('办理事项').selectOption('demo-item-1');
    await page.getByLabel('法人').check();
    await page.getByLabel('办件状态').selectOption('FINISHED');
    // A finished 办件 without its finishing time: said next to the field, nothing saved.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('办结的办件需填写办结时间。').waitFor();
    expect(await page.getByLabel('办结时间').getAttribute('aria-invalid')).toBe('true');
    expect((await dumpIndexedDb(page)).serviceCases).toEqual([]);
    const accepted = await page.getByLabel('受理时间').inputValue();
    await page.getByLabel('办结时间').fill(accepted);
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText(`办件 ${CASE_NO} 已保存在本机，联网后自动上传。`).waitFor();
    await row(page, CASE_NO).getByText('未上传').waitFor();
    expect(await row(page, CASE_NO).getAttribute('data-state')).toBe('pending');

    await page.reload();
    await openServiceCases(page);
    await row(page, CASE_NO).getByText('未上传').waitFor();
    expect(await serverCase(CASE_NO)).toBeNull();

    await context.setOffline(false);
    const stored = await waitUntil('the 办件 on the server', () => serverCase(CASE_NO), (c) => c !== null, 60_000);
    expect(stored).toMatchObject({ source: 'TABLET', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', serviceItemId: 'demo-item-1', applicantType: 'LEGAL_PERSON', status: 'FINISHED' });
    expect(stored!.finishedAt).toBe(stored!.acceptedAt);
    // Acknowledged: it leaves the outbox, and the list shows it as the server has it (today's 办件).
    await page.locator('[data-testid="service-case-row"][data-state="sent"]', { hasText: CASE_NO }).waitFor({ timeout: 30_000 });
    expect((await dumpIndexedDb(page)).serviceCases).toEqual([]);
    expect(await row(page, CASE_NO).count()).toBe(1);

    // Its detail: the facts in the UI language and China time.
    await row(page, CASE_NO).getByRole('button').first().click();
    const detail = page.getByTestId('service-case-detail');
    await detail.getByText('办结', { exact: true }).waitFor();
    await detail.getByText('法人', { exact: true }).waitFor();
    await detail.getByText('企业投资项目备案（演示）').waitFor();

    // Invite at the kiosk: the window's kiosk now holds this 办件's invitation.
    await page.getByRole('button', { name: '邀请在评价器上评价' }).click();
    await page.locator('[data-testid="invite-outcome"][data-outcome="sent"]').waitFor();
    await page.getByText(/已邀请：评价器显示/).waitFor();
    const kiosk = await api(server.baseUrl, 'GET', '/api/v1/kiosk/invitation?window=demo-w1');
    expect(kiosk.body.invitation).toMatchObject({ serviceCaseId: stored!.id, caseNo: CASE_NO, source: 'TABLET' });
    // Offline the tablet says where to invite instead.
    await context.setOffline(true);
    await page.getByRole('button', { name: '邀请在评价器上评价' }).click();
    await page.locator('[data-testid="invite-outcome"][data-outcome="offline"]').getByText(/工作人员面板/).waitFor();
    await context.setOffline(false);

    // Rate by phone: the link as a QR code, and copyable as a whole address.
    await page.getByRole('button', { name: '手机扫码评价' }).click();
    await page.getByTestId('rating-link-qr').waitFor();
    const url = (await page.getByTestId('rating-link-url').textContent())!;
    expect(url).toMatch(new RegExp(`^${server.baseUrl.replace(/[.]/g, '\\.')}/r/[A-Za-z0-9_-]{16,}$`));
    const phone = await api(server.baseUrl, 'GET', `/api/v1/r/${url.split('/r/')[1]}`);
    expect(phone.status).toBe(200);
    expect(phone.body).toMatchObject({ kind: 'SERVICE_CASE', state: 'OPEN', caseNoMasked: expect.stringMatching(/0815$/) });
    await page.getByRole('button', { name: '复制链接' }).click();
    await page.getByText('链接已复制。').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await smallTargets(page)).toEqual([]);

    // The receipt slip, A6: only the slip prints, 105 mm wide, on one A6 page.
    for (const [button, layout, widthMm, pageMm, pageSize] of [
      ['打印回执（A6）', 'a6', 105, [105, 148], '105mm 148mm'],
      ['打印回执（80 毫米）', 'thermal80', 80, [80, 150], '80mm 150mm'],
    ] as const) {
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: button }).click();
      await page.locator(`[data-testid="receipt-slip"][data-layout="${layout}"]`).waitFor({ state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      const slip = page.getByTestId('receipt-slip');
      await slip.waitFor({ state: 'visible' });
      const box = (await slip.boundingBox())!;
      expect(Math.abs(box.width - widthMm * MM_PX)).toBeLessThan(1);
      expect(await page.locator('main').isVisible()).toBe(false);
      await slip.getByText('请用手机扫描二维码，对本次办件进行评价。').waitFor();
      expect(await slip.getByTestId('receipt-case-no').textContent()).toBe(phone.body.caseNoMasked);
      expect(await slip.textContent()).toContain('企业投资项目备案（演示）');
      expect(await slip.textContent()).not.toContain(CASE_NO);
      const qr = (await slip.getByTestId('receipt-qr').boundingBox())!;
      expect(qr.x).toBeGreaterThanOrEqual(box.x);
      expect(qr.x + qr.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
      // The slip asks for its paper by a named page (a rule the browser dropped would print on its default paper),
      // and the PDF Chromium prints from it is one sheet of that paper.
      expect(await slip.evaluate((el) => getComputedStyle(el).getPropertyValue('page'))).toBe(`receipt-${layout}`);
      expect(await page.evaluate(pageRuleSize, `receipt-${layout}`)).toBe(pageSize);
      const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      expect(pages).toHaveLength(1);
      expect(Math.abs(pages[0].width - pageMm[0] * MM_PT)).toBeLessThan(1.5);
      expect(Math.abs(pages[0].height - pageMm[1] * MM_PT)).toBeLessThan(1.5);
    }
    expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(2);
    await page.emulateMedia({ media: 'screen' });
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
