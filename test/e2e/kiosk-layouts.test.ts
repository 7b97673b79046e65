import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/chromium';
import { assertBuilt } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// The sizes citizens meet the kiosk at: landscape tablets, a portrait tablet and a phone.
const VIEWPORTS = [
  { width: 1280, height: 800, tablet: true },
  { width: 1024, height: 768, tablet: true },
  { width: 800, height: 1280, tablet: true },
  { width: 390, height: 844, tablet: false },
];
const LANGUAGES = [
  { lang: 'zh-CN', button: '中文' },
  { lang: 'bo', button: 'བོད་ཡིག' },
  { lang: 'en', button: 'English' },
];
/** Set KIOSK_LAYOUT_SHOTS=/tmp/dir to keep a screenshot of every state this test checks. */
const SHOTS = process.env.KIOSK_LAYOUT_SHOTS;

let server: ServerProcess;
let browser: Browser;
beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-layouts'), built: true });
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * What a person would see as broken, in the page as it is: a page wider than the screen, text that spills out of
 * its button or label, anything past the right edge, and touch targets under 44 px. Returns one line per problem.
 */
function layoutProblems(): string[] {
  /**
   * How far a font's own ascent and descent reach past its line height (Tibetan fonts reach far): scrollHeight
   * counts that empty space, so it is allowed; a second line of text in a one-line box is not.
   */
  const fontSlack = (el: Element) => {
    let slack = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent!.trim()) continue;
      const lineHeight = parseFloat(getComputedStyle(node.parentElement!).lineHeight);
      if (Number.isNaN(lineHeight)) continue; // 'normal' already spans the font
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) slack = Math.max(slack, rect.height - lineHeight);
    }
    return slack;
  };
  const problems: string[] = [];
  const vw = window.innerWidth;
  const name = (el: Element) => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}> "${(el.textContent ?? '').trim().slice(0, 24)}"`;
  const page = document.scrollingElement!;
  if (page.scrollWidth > vw) problems.push(`the page scrolls sideways: ${page.scrollWidth}px wide in ${vw}px`);
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    if (el.closest('svg') || el.matches('input, textarea, select, script, style')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || style.display === 'contents' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    const control = el.matches('button, a, label, legend, h1, h2, p');
    if (ownText || control) {
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1 + fontSlack(el)) {
        problems.push(`${name(el)} overflows its box: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
      }
      if (box.left < -0.5 || box.right > vw + 0.5) problems.push(`${name(el)} runs past the screen's edge: ${Math.round(box.left)}…${Math.round(box.right)} of ${vw}`);
    }
    if (el.matches('button, a[href]') && (box.height < 44 || box.width < 44)) {
      problems.push(`${name(el)} is a small touch target: ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return problems;
}

/** The five faces line up: same size, and the same height on screen when the levels sit side by side. */
function faceProblems(): string[] {
  const buttons = Array.from(document.querySelectorAll('.level-button')).map((b) => b.getBoundingClientRect());
  const faces = Array.from(document.querySelectorAll('.level-button .level-face')).map((f) => f.getBoundingClientRect());
  if (buttons.length !== 5 || faces.length !== 5) return [`expected five level buttons with faces, found ${buttons.length} and ${faces.length}`];
  const problems: string[] = [];
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  if (spread(faces.map((f) => f.height)) > 1) problems.push(`faces of different sizes: ${faces.map((f) => Math.round(f.height)).join(', ')}`);
  if (spread(buttons.map((b) => b.height)) > 1) problems.push(`level buttons of different heights: ${buttons.map((b) => Math.round(b.height)).join(', ')}`);
  const oneRow = spread(buttons.map((b) => b.top)) <= 1;
  const facePlace = faces.map((f, i) => (oneRow ? f.top : f.top - buttons[i].top));
  if (spread(facePlace) > 1) problems.push(`faces at different heights: ${facePlace.map(Math.round).join(', ')}`);
  if (!oneRow && spread(faces.map((f) => f.left)) > 1) problems.push(`faces not in one column: ${faces.map((f) => Math.round(f.left)).join(', ')}`);
  return problems;
}

/** On a tablet the whole form fits the screen: every reason, the comment, the contact fields and 提交. */
function everythingFitsProblems(): string[] {
  const parts = Array.from(document.querySelectorAll('.reason-screen .reason-option, .reason-screen textarea, .reason-screen input:not([type="checkbox"]), .reason-screen button'));
  return parts
    .filter((el) => {
      const box = el.getBoundingClientRect();
      return box.top < 0 || box.bottom > window.innerHeight || box.left < 0 || box.right > window.innerWidth;
    })
    .map((el) => `below the fold: <${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 24)}" ends at ${Math.round(el.getBoundingClientRect().bottom)} of ${window.innerHeight}`);
}

/** 提交 wholly on the screen as the reason screen opens, without scrolling. */
function submitProblems(): string[] {
  const submit = document.querySelector('.reason-screen [type="submit"]');
  if (!submit) return ['no submit button on the reason screen'];
  const box = submit.getBoundingClientRect();
  const inside = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  const problems: string[] = [];
  if (window.scrollY !== 0) problems.push(`the reason screen opened scrolled by ${window.scrollY}px`);
  if (!inside) problems.push(`提交 is not wholly on screen: ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)} in ${window.innerWidth}×${window.innerHeight}`);
  return problems;
}

async function openKiosk(page: Page, lang: (typeof LANGUAGES)[number]) {
  await page.goto(`${server.baseUrl}/?idleMs=600000`);
  await page.locator('.level-button').first().waitFor();
  if (lang.lang !== 'zh-CN') await page.getByRole('button', { name: lang.button, exact: true }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang.lang);
  await page.evaluate(() => document.fonts.ready);
}

async function check(page: Page, where: string, probes: (() => string[])[]) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${where.replace(/[^\w.-]+/g, '_')}.png` });
  const found: string[] = [];
  for (const probe of probes) found.push(...(await page.evaluate(probe)));
  return found.map((p) => `${where}: ${p}`);
}

describe('the kiosk lays out cleanly where citizens and staff meet it', () => {
  for (const vp of VIEWPORTS) {
    it(`at ${vp.width}×${vp.height}, in Chinese, Tibetan and English`, async () => {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
      const page = await context.newPage();
      const problems: string[] = [];
      try {
        for (const lang of LANGUAGES) {
          const at = `${vp.width}×${vp.height} ${lang.lang}`;
          await openKiosk(page, lang);
          problems.push(...(await check(page, `${at} idle`, [layoutProblems, faceProblems])));

          await page.locator('.level-button.level-dissatisfied').click();
          await page.locator('.reason-screen [type="submit"]').waitFor();
          await page.evaluate(() => document.fonts.ready);
          const onReasons = vp.tablet ? [layoutProblems, submitProblems, everythingFitsProblems] : [layoutProblems, submitProblems];
          problems.push(...(await check(page, `${at} reasons`, onReasons)));
          await page.locator('.reason-option input[value="OTHER"]').check();
          await page.locator('.reason-screen input[type="text"]').first().waitFor();
          problems.push(...(await check(page, `${at} reasons with other`, [layoutProblems])));

          await openKiosk(page, lang);
          await page.locator('.sign-on-button').click();
          await page.locator('.sign-on-roster button').first().click();
          await page.locator('.pin-keys button').first().waitFor();
          problems.push(...(await check(page, `${at} PIN pad`, [layoutProblems])));
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
