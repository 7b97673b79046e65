import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { API } from '../src/domain/endpoints';
import { api, DEMO_ACCOUNTS, signIn } from '../test/support/api';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { spawnServer, tempDir } from '../test/support/server';
import { measureBundle } from './bundle-size';
import { percentile } from './kiosk-tap';

export interface PhonePageFigures {
  /** JavaScript r.html loads before its first paint (entry + module preloads), gzip -9, from the build output. */
  firstPaintJsGzipKiB: number;
  files: string[];
  loads: number;
  /** First contentful paint (the page's own "loading" line, from the HTML), p50 / p95 ms from navigation start. */
  fcpP50Ms: number;
  fcpP95Ms: number;
  /** The five levels on screen (page data fetched, form drawn), p50 / p95 ms from navigation start. */
  formP50Ms: number;
  formP95Ms: number;
}

/** Mirrors src/phone/main.ts FORM_SHOWN_MARK (not imported: that module runs the page when loaded). */
const FORM_SHOWN_MARK = 'phone:form-shown';

/**
 * The phone rating page in Chromium at 390×844: each load in a fresh context (cold cache, as a phone scanning a QR
 * code for the first time), against the built app on a local server (no network delay: the figures are the page's
 * own cost).
 */
export async function measurePhonePage(loads = 20): Promise<PhonePageFigures> {
  const bundle = measureBundle('dist', 'r.html');
  const server = await spawnServer({ dataDir: tempDir('bench-phone'), built: true });
  let browser: Browser | undefined;
  try {
    const admin = await signIn(server.baseUrl, DEMO_ACCOUNTS.ADMIN);
    const made = await api(server.baseUrl, 'POST', API.createSystemToken.path, { cookie: admin, body: { unitId: 'demo-unit', name: 'bench' } });
    const now = Date.now();
    const item = { caseNo: 'BENCH-PHONE-1', serviceItemCode: 'DEMO-001', windowNumber: '1', employeeNo: 'D1001', applicantType: 'PERSON', acceptedAt: now - 60_000, status: 'ACCEPTED' };
    const pushed = await api(server.baseUrl, 'POST', API.pushServiceCases.path, { headers: { authorization: `Bearer ${made.body.token}` }, body: { items: [item] } });
    const clerk = await signIn(server.baseUrl, DEMO_ACCOUNTS.STAFF);
    const link = await api(server.baseUrl, 'POST', `/api/v1/service-cases/${pushed.body.results[0].id}/rating-link`, { cookie: clerk });
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
    const fcp: number[] = [];
    const form: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(server.baseUrl + link.body.path);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0 && performance.getEntriesByName('first-contentful-paint').length > 0, FORM_SHOWN_MARK);
      const [paint, shown] = await page.evaluate((mark) => [performance.getEntriesByName('first-contentful-paint')[0].startTime, performance.getEntriesByName(mark)[0].startTime], FORM_SHOWN_MARK);
      fcp.push(paint);
      form.push(shown);
      await context.close();
    }
    const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
    return {
      firstPaintJsGzipKiB: bundle.firstPaintJsGzipKiB,
      files: bundle.firstPaintFiles,
      loads,
      fcpP50Ms: percentile(sorted(fcp), 50),
      fcpP95Ms: percentile(sorted(fcp), 95),
      formP50Ms: percentile(sorted(form), 50),
      formP95Ms: percentile(sorted(form), 95),
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

// `npx tsx bench/phone-page.ts` prints the figures alone (after `npm run build`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await measurePhonePage();
  console.log(JSON.stringify(f, null, 2));
}
