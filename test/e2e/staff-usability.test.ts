import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, openProfile, waitUntil } from '../support/browser';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

/**
 * The clerk's screens as a finger and a screen reader meet them (issue 11, items 8 and 9): one <main>, nothing
 * outside a landmark, every button, link and checkbox at least 44×44 CSS px, and /form's level choices equal and
 * unbroken, measured in real Chromium at the tablet and phone sizes the hall uses.
 */
let server: ServerProcess;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 800, height: 1280 },
  { width: 390, height: 844 },
];

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-staff-usability'), built: true });
  const res = await postJson(server.baseUrl + PUSH_RATINGS_PATH, {
    deviceId: DEMO_DEVICE,
    sentAt: Date.now(),
    items: [badRating({ staffId: 'demo-s1' }), demoRating({ staffId: 'demo-s1' })],
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

async function signIn(page: Page, path: string, employeeNo: string) {
  await page.goto(server.baseUrl + path);
  await page.getByLabel('工号').fill(employeeNo);
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** How many <main> landmarks, and the visible text that no landmark contains (axe: landmark-one-main, region). */
function landmarks(page: Page) {
  return page.evaluate(() => {
    const LANDMARK =
      'main, header, nav, footer, aside, [role=main], [role=banner], [role=navigation], [role=contentinfo], [role=complementary], [role=region], section[aria-label], section[aria-labelledby], form[aria-label], form[aria-labelledby]';
    const outside: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, noscript') || el.getClientRects().length === 0) continue;
      if (!el.closest(LANDMARK)) outside.push(text.slice(0, 30));
    }
    return { mains: document.querySelectorAll('main, [role=main]').length, outside };
  });
}

/** Buttons, links and the labels of checkboxes and radios whose box is under 44×44 CSS px. */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const targets = document.querySelectorAll('button, a[href], label:has(> input[type=checkbox]), label:has(> input[type=radio])');
    const small: string[] = [];
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      // Not shown (another tab, a visually hidden helper): nothing to touch.
      if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.width < 44 || r.height < 44) small.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 16)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return small;
  });
}

async function expectUsable(page: Page, where: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const at = `${where} at ${viewport.width}×${viewport.height}`;
    expect(await landmarks(page), at).toEqual({ mains: 1, outside: [] });
    expect(await smallTargets(page), at).toEqual([]);
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

describe('the clerk’s screens, measured in Chromium', () => {
  it('/staff: one main, nothing outside a landmark, every target at least 44×44 (cases and ratings)', async () => {
    const { context, page } = await openProfile(tempDir('e2e-usability-staff'));
    await signIn(page, '/staff', DEMO_ACCOUNTS.STAFF);
    await page.locator('[data-case-id]').first().waitFor();
    await page.getByLabel('显示近 30 天已办结').waitFor();
    await expectUsable(page, '/staff cases');
    await page.getByRole('button', { name: '评价记录' }).click();
    await page.getByLabel('只看差评').waitFor();
    await waitUntil('two rating cards', () => page.locator('[data-rating-id]').count(), (n) => n === 2);
    await expectUsable(page, '/staff ratings');
    await context.close();
  });

  it('/admin (编辑, 刷新) and supervision’s audit log on /staff: one main, targets at least 44×44', async () => {
    const { context, page } = await openProfile(tempDir('e2e-usability-admin'));
    await signIn(page, '/admin', DEMO_ACCOUNTS.ADMIN);
    await page.getByTestId('staff-table').waitFor();
    await page.getByRole('button', { name: /^编辑/ }).first().waitFor();
    await expectUsable(page, '/admin staff');
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('refresh-devices').waitFor();
    await expectUsable(page, '/admin devices');
    await context.close();

    // Supervision reads the audit log on /staff.
    const supervision = await openProfile(tempDir('e2e-usability-supervision'));
    await signIn(supervision.page, '/staff', DEMO_ACCOUNTS.SUPERVISION);
    await supervision.page.getByRole('button', { name: '审计日志' }).click();
    await supervision.page.getByTestId('audit-table').waitFor();
    await expectUsable(supervision.page, '/staff audit');
    await supervision.context.close();
  });

  it('/form: one main; the level choices keep equal widths, equal radios, and never break 不满意 mid-word', async () => {
    const { context, page } = await openProfile(tempDir('e2e-usability-form'));
    await signIn(page, '/form', DEMO_ACCOUNTS.LEAD);
    await page.getByLabel('非常不满意').waitFor();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const at = `/form at ${viewport.width}×${viewport.height}`;
      expect((await landmarks(page)).mains, at).toBe(1);
      const boxes = await page.locator('.level-choice').evaluateAll((labels) =>
        labels.map((l) => {
          const input = l.querySelector('input')!.getBoundingClientRect();
          const text = l.querySelector('span')!;
          return {
            width: l.getBoundingClientRect().width,
            radio: input.width,
            // One line: the text's box is no taller than one line of it.
            lines: Math.round(text.getBoundingClientRect().height / parseFloat(getComputedStyle(text).lineHeight)),
            overflows: l.scrollWidth > l.clientWidth + 1,
          };
        }),
      );
      const widths = boxes.map((b) => b.width);
      expect(Math.max(...widths) - Math.min(...widths), `${at}: label widths ${widths.join(', ')}`).toBeLessThan(1);
      expect(new Set(boxes.map((b) => Math.round(b.radio))).size, `${at}: radio widths ${boxes.map((b) => b.radio).join(', ')}`).toBe(1);
      expect(boxes.map((b) => b.lines), at).toEqual([1, 1, 1, 1, 1]);
      expect(boxes.some((b) => b.overflows), at).toBe(false);
      expect(await smallTargets(page), at).toEqual([]);
    }
    await context.close();
  });
});
