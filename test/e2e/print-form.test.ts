import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, openProfile, watchCsp } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-print'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

/** Page objects of a PDF (`/Type /Page`, not the `/Type /Pages` tree). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe('the printable written evaluation form (Attachment 1)', () => {
  it("shows the window's blank form with the five levels, and the print stylesheet renders one A4 page", async () => {
    const { context, page } = await openProfile(tempDir('e2e-print-profile'));
    const violations = await watchCsp(page);
    await page.goto(server.baseUrl + '/form/print?window=demo-w1');
    await page.getByLabel('工号').fill('D1002');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    const sheet = page.getByTestId('printable-form');
    await sheet.waitFor();

    expect(await page.getByTestId('form-window').textContent()).toContain('1号窗口');
    expect(await sheet.locator('[data-testid="form-levels"] .pf-level-name').allTextContents()).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(await sheet.textContent()).toContain('政务服务“好差评”书面评价表');
    expect(await sheet.textContent()).toContain('服务态度不热情、不主动'); // a reason label from the unit's configuration
    expect(await violations()).toEqual([]); // the page runs under the Content-Security-Policy

    // On paper, only the form: no account bar, no controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.account-bar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await page.emulateMedia({ media: null });

    // One A4 page in Chinese, and in each bilingual form (the longest texts).
    for (const second of ['', 'bo', 'en']) {
      await page.getByLabel('评价表语言').selectOption(second);
      if (second) await sheet.locator(`.pf-l2[lang="${second}"]`).first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdfPageCount(pdf), `form in 中文${second ? ` + ${second}` : ''}`).toBe(1);
    }
    expect(page.url()).toContain('window=demo-w1');
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
