import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { API, buildPath } from '../../src/domain/endpoints';
import { LOCALES } from '../../src/domain/locales';
import { displaySlides } from '../../src/public/public-view';
import { assertBuilt, openProfile, watchCsp } from '../support/browser';
import { secretForms, seedPublicHall, type PublicHall } from '../support/public-fixtures';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

// The scanner (issue 16): a hall whose bad reviews carry phones (spaced, dashed, +86), an ID number with X, names,
// e-mails, a plate and 办件编号 in comments, other-reason texts and contacts, seeded through the real push route;
// some comments approved (scrubbed), one declined. Every public API answer and every public page, in every
// language, normal and display mode, is read and none of those details (nor their partial forms) appears; the unit
// that keeps disclosure off appears nowhere. The display mode cycles through every unit and section by itself.

let server: ServerProcess;
let hall: PublicHall;
let units: string[];
const dataDir = tempDir('e2e-public');

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir, built: true });
  hall = await seedPublicHall(server.baseUrl);
  units = ['demo-unit', hall.unitB].sort();
});
afterAll(async () => {
  await server?.stop();
});

/** Everything that must never show, the hidden unit's name and id included. */
const forbidden = () => [...secretForms(), hall.hiddenName, hall.hiddenUnit];

function expectClean(where: string, text: string) {
  for (const secret of forbidden()) expect(text.includes(secret), `${where} shows ${secret}`).toBe(false);
}

describe('every public API answer', () => {
  it('carries none of the personal details and nothing of the unit without disclosure', async () => {
    const paths: string[] = [API.publicUnits.path];
    for (const unitId of [...units, hall.hiddenUnit]) {
      paths.push(
        buildPath(API.publicMonth.path, { unitId, month: hall.month }),
        `${buildPath(API.publicTrend.path, { unitId })}?month=${hall.month}`,
        `${buildPath(API.publicReviews.path, { unitId })}?month=${hall.month}`,
        buildPath(API.publicTrend.path, { unitId }),
        buildPath(API.publicReviews.path, { unitId }),
      );
    }
    let comments = 0;
    for (const path of paths) {
      const res = await fetch(server.baseUrl + path);
      const text = await res.text();
      if (path.includes(hall.hiddenUnit)) expect(res.status, path).toBe(404);
      else expect(res.status, path).toBe(200);
      expectClean(path, text);
      comments += (text.match(/"comment":"/g) ?? []).length;
    }
    // The approved comments are there (scrubbed), so the scan read real published text.
    expect(comments).toBeGreaterThan(0);
  });
});

/** Every HTML state the page takes, as it changes (the display mode's slides pass by themselves). */
async function recordStates(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __states: string[] }).__states = seen;
    const note = () => {
      const html = document.documentElement.outerHTML;
      if (seen[seen.length - 1] !== html) seen.push(html);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { __states: string[] }).__states);
}

describe('every public page', () => {
  it('shows each unit in each language at 390×844 without a personal detail or the hidden unit', async () => {
    const { context, page } = await openProfile(tempDir('e2e-public-profile'));
    const violations = await watchCsp(page);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const lang of LOCALES) {
        for (const unitId of [...units, hall.hiddenUnit]) {
          await page.goto(`${server.baseUrl}/public?unit=${unitId}&lang=${lang}`);
          await page.locator('.public-review').first().waitFor();
          await page.locator(`html[lang="${lang}"]`).waitFor();
          const options = await page.locator('select option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
          expect(options.sort()).toEqual(units);
          const where = `/public?unit=${unitId}&lang=${lang}`;
          expectClean(where, await page.content());
          expectClean(where, await page.locator('body').innerText());
          // A phone's width: nothing wider than the screen.
          expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(390);
        }
      }
      // The approved comment of the demo unit shows, scrubbed.
      await page.goto(`${server.baseUrl}/public?unit=demo-unit&lang=zh-CN`);
      await page.locator('.public-review-comment').first().waitFor();
      expect(await page.locator('.public-review-comment').allInnerTexts()).toEqual([hall.approved.values().next().value]);
      expect(await page.locator('[data-figure="satisfaction"] dd').innerText()).toBe('37.5% (3/8)');
      // A citizen's phone gets none of the hall's app: no service worker, no outbox database.
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
      expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('cycles by itself through every unit and section on a 1920×1080 screen, in each language, showing nothing it must not', async () => {
    const { context, page } = await openProfile(tempDir('e2e-public-display'));
    const violations = await watchCsp(page);
    const states = await recordStates(page);
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      const slides = displaySlides(units);
      for (const lang of LOCALES) {
        await page.goto(`${server.baseUrl}/public?display=1&seconds=2&lang=${lang}`);
        // Each slide shown with its data loaded (no "loading" paragraph), the second unit's included: no sleeps,
        // the recorded states are read until every slide has passed.
        const shown = (html: string, s: (typeof slides)[number]) =>
          html.includes(`data-unit="${s.unitId}" data-section="${s.section}"`) && !html.includes('class="public-empty"') && html.includes(`lang="${lang}"`);
        await page.waitForFunction(
          ({ wanted }) => {
            const all = (window as unknown as { __states: string[] }).__states;
            return wanted.every((w) => all.some((h) => h.includes(w) && !h.includes('class="public-empty"')));
          },
          { wanted: slides.map((s) => `data-unit="${s.unitId}" data-section="${s.section}"`) },
          { timeout: 90_000, polling: 250 },
        );
        const recorded = await states();
        for (const s of slides) expect(recorded.some((h) => shown(h, s)), `${lang} ${s.unitId} ${s.section}`).toBe(true);
        for (const html of recorded) expectClean(`display ${lang}`, html);
        // Big type for a hall screen.
        const size = await page.locator('.public-display').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(size).toBeGreaterThanOrEqual(36);
        await page.evaluate(() => ((window as unknown as { __states: string[] }).__states.length = 0));
      }
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
