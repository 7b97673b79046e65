import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, openProfile } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

/** How the built app loads in Chromium: what it logs, what it fetches, how it is sent. */
const root = fileURLToPath(new URL('../..', import.meta.url));
let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-loading'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

/** Console errors and uncaught exceptions, from the first request on. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const loadedScripts = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));

/** The chunk of the build holding react-hook-form (only the reason screen and the staff forms use it). */
function formLibraryChunk(): string {
  const dir = path.join(root, 'dist/assets');
  const found = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && fs.readFileSync(path.join(dir, f), 'utf8').includes('shouldUnregister'));
  expect(found, 'one chunk holds the form library').toHaveLength(1);
  return '/assets/' + found[0];
}

describe('loading', () => {
  it('/staff: the sign-in page of nobody signed in logs no console error', async () => {
    const { context, page } = await openProfile(tempDir('e2e-loading-staff'));
    const errors = watchErrors(page);
    try {
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
      });
      await page.goto(server.baseUrl + '/staff');
      // The form shows once the app has asked who is signed in (AUTH_PATHS.session) and heard "nobody".
      await page.getByLabel('工号').waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForLoadState('networkidle');
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the idle kiosk loads no form library, sends text compressed and hashed files immutable', async () => {
    const formLib = formLibraryChunk();
    expect(fs.readFileSync(path.join(root, 'dist/index.html'), 'utf8')).not.toContain(formLib);
    const { context, page } = await openProfile(tempDir('e2e-loading-kiosk'));
    const errors = watchErrors(page);
    const mainScript = /\/assets\/index-[\w-]+\.js$/;
    const mainResponse = page.waitForResponse((r) => mainScript.test(r.url()));
    // The idle kiosk keeps one request open, its invitation long poll, so the network is never idle: the test waits
    // for what the kiosk loads while idle instead (the invitation chunk, whose loop then asks; the rating writer).
    const invitationAsked = page.waitForRequest((r) => r.url().includes('/api/v1/kiosk/invitation'));
    try {
      const doc = await page.goto(server.baseUrl + '/');
      const docHeaders = await doc!.allHeaders();
      expect(docHeaders['content-encoding']).toBe('br');
      expect(docHeaders['cache-control']).toBe('no-cache');
      const main = await (await mainResponse).allHeaders();
      expect(main['content-encoding']).toBe('br');
      expect(main['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(main.vary).toMatch(/accept-encoding/i);

      await page.getByRole('button', { name: '非常满意' }).waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready);
      await invitationAsked;
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/assets\/submit-rating-[\w-]+\.js$/.test(e.name)));
      expect(await loadedScripts(page)).not.toContain(formLib);

      // A bad rating still gets its reason screen, the library fetched from the first touch.
      await page.getByRole('button', { name: '不满意', exact: true }).click();
      await page.getByRole('button', { name: '提交' }).waitFor();
      expect(await loadedScripts(page)).toContain(formLib);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
