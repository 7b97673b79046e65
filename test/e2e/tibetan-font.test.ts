import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIBETAN_FONT_FAMILY, TIBETAN_FONT_URL } from '../../src/i18n/tibetan-font';
import { assertBuilt, loadControlledKiosk, waitUntil, watchCsp } from '../support/browser';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/chromium';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// The tablets may have no Tibetan font: Chromium here runs with the system's Tibetan fonts hidden from fontconfig,
// so Tibetan text renders well only with the font the app ships.
const SYSTEM_TIBETAN = '/usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf';
const LEVELS_BO = ['ཧ་ཅང་ཡིད་ཚིམ།', 'ཡིད་ཚིམ།', 'གཞི་ནས་ཡིད་ཚིམ།', 'ཡིད་མི་ཚིམ།', 'ཧ་ཅང་ཡིད་མི་ཚིམ།'];
// Stacked consonants (སྒྲ, སྐྱ, རྒྱ, བསྒྱུར, ལྷ): they render right only if the subset kept GSUB and GPOS.
const STACKS = 'སྒྲུབ་སྐྱོང་རྒྱས་བཅོས་སྒྱུར་ལྷན་ཁང་';

let server: ServerProcess;
let fontconfig: string;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-bo-font'), built: true });
  const dir = tempDir('e2e-fontconfig');
  fontconfig = path.join(dir, 'fonts.conf');
  fs.writeFileSync(
    fontconfig,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<selectfont><rejectfont><glob>*Tibetan*</glob></rejectfont></selectfont></fontconfig>`,
  );
});
afterAll(async () => {
  await server?.stop();
});

async function openWithoutTibetanFonts(): Promise<{ context: BrowserContext; page: Page; fontRequests: { url: string; fromSw: boolean }[] }> {
  const context = await chromium.launchPersistentContext(tempDir('e2e-bo-font-profile'), {
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'allow',
    env: { ...process.env, FONTCONFIG_FILE: fontconfig },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const fontRequests: { url: string; fromSw: boolean }[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.woff2')) fontRequests.push({ url: new URL(r.url()).pathname, fromSw: r.fromServiceWorker() });
  });
  return { context, page, fontRequests };
}

/** Status of the shipped face in document.fonts (null: never added), and whether text can use it now. */
function shippedFace(page: Page) {
  return page.evaluate((family) => {
    const face = [...document.fonts].find((f) => f.family.replace(/"/g, '') === family);
    return { status: face?.status ?? null, display: face?.display ?? null, usable: face ? document.fonts.check(`24px "${family}"`, 'ཡིད་ཚིམ།') : false };
  }, TIBETAN_FONT_FAMILY);
}

/** The fonts Chromium actually drew a level button's text with. */
async function fontsDrawing(context: BrowserContext, page: Page, name: string) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'button' });
  for (const nodeId of nodeIds) {
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
    if (!outerHTML.includes(name)) continue;
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  }
  throw new Error(`no button with ${name}`);
}

/**
 * Draws the stacks in the shipped face and in the full source font (given to the page as bytes) and compares the
 * pixels: the same picture means the subset shapes as the full font does. Also draws them with no Tibetan font,
 * which must differ (so the comparison can tell).
 */
function compareWithFullFont(page: Page) {
  const bytes = fs.readFileSync(SYSTEM_TIBETAN).toString('base64');
  return page.evaluate(
    async ({ bytes, family, text }) => {
      const full = new FontFace('Full Tibetan Reference', Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0)));
      document.fonts.add(await full.load());
      const draw = (font: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 900;
        canvas.height = 90;
        const g = canvas.getContext('2d')!;
        g.font = font;
        g.fillText(text, 10, 60);
        return canvas.toDataURL();
      };
      const shipped = draw(`40px "${family}"`);
      return { same: shipped === draw('40px "Full Tibetan Reference"'), differsFromNone: shipped !== draw('40px "No Such Font"') };
    },
    { bytes, family: TIBETAN_FONT_FAMILY, text: STACKS },
  );
}

describe('the Tibetan font the app ships', () => {
  it('is loaded when བོད་ཡིག is chosen and draws the stacked letters as the full font does', async () => {
    const { context, page, fontRequests } = await openWithoutTibetanFonts();
    const violations = await watchCsp(page);
    await page.goto(server.baseUrl + '/');
    await page.getByRole('button', { name: 'བོད་ཡིག' }).click();
    for (const name of LEVELS_BO) await page.getByRole('button', { name, exact: true }).waitFor();
    await waitUntil('the shipped face loaded', () => shippedFace(page), (f) => f.status === 'loaded');
    expect(await shippedFace(page)).toEqual({ status: 'loaded', display: 'swap', usable: true });
    expect(fontRequests.map((r) => r.url)).toEqual([TIBETAN_FONT_URL]);
    const used = await fontsDrawing(context, page, LEVELS_BO[0]);
    // The shipped face draws the Tibetan; the only other font in the button draws its stars (★).
    expect(used).toContainEqual(expect.objectContaining({ isCustomFont: true, familyName: 'Noto Serif Tibetan' }));
    expect(used.filter((f) => !f.isCustomFont).map((f) => f.glyphCount)).toEqual([5]);
    expect(await compareWithFullFont(page)).toEqual({ same: true, differsFromNone: true });
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('is not fetched by a kiosk used in Chinese, and comes from the service worker offline', async () => {
    const { context, page, fontRequests } = await openWithoutTibetanFonts();
    await loadControlledKiosk(page, server.baseUrl + '/?thanksMs=600');
    await page.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByText('感谢您的评价！').waitFor();
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    expect(fontRequests).toEqual([]);
    expect(await shippedFace(page)).toEqual({ status: null, display: null, usable: false });

    await context.setOffline(true);
    await page.reload(); // served by the service worker
    await page.getByRole('button', { name: 'བོད་ཡིག' }).click();
    await page.getByRole('button', { name: LEVELS_BO[0], exact: true }).waitFor();
    await waitUntil('the shipped face loaded offline', () => shippedFace(page), (f) => f.status === 'loaded');
    expect(fontRequests).toEqual([{ url: TIBETAN_FONT_URL, fromSw: true }]);
    await context.close();
  });
});
