import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { API } from '../src/domain/endpoints';
import type { Bulletin } from '../src/domain/figures/bulletin-api';
import { payloadHash } from '../sync-server/canonical';
import { caseOnArrival } from '../sync-server/store/rules/case-opening';
import { DEMO_ACCOUNTS, signIn } from '../test/support/api';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../test/support/postgres';
import { startInProcessServer, tempDir } from '../test/support/server';
import { provinceYear } from './attachment2';

export interface BulletinPageFigures {
  store: 'SQLite' | 'PostgreSQL';
  ratings: number;
  quarter: string;
  counted: number;
  answerKiB: number;
  coldMs: number;
  p50Ms: number;
  maxMs: number;
  /** Chromium: the bulletin view clicked → every chart drawn (chunk, answer, render), cold and warm p50. */
  chartsColdMs: number | null;
  chartsP50Ms: number | null;
  chunkGzipKiB: number;
}

const CHARTS = ['chart-trend', 'chart-levels', 'chart-pareto', 'chart-items', 'chart-windows'];

/** The bulletin chunk (with Chart.js) as the browser fetches it, gzip -9. */
function chunkGzipKiB(distDir = 'dist'): number {
  const file = fs.readdirSync(path.join(distDir, 'assets')).find((f) => /^BulletinScreen-.*\.js$/.test(f));
  return file ? zlib.gzipSync(fs.readFileSync(path.join(distDir, 'assets', file)), { level: 9 }).length / 1024 : 0;
}

/**
 * The quarterly bulletin over a province's year of `total` ratings (bench/attachment2.ts's provinceYear: 20 units,
 * 300 windows, 3 % bad): the server's answer for the whole scope of 2026-Q3 (beside Q2) through HTTP, cold then 5
 * more; with `browser`, the page in Chromium from the click on its view to all charts drawn (the default quarter).
 */
export async function measureBulletinPage(store: 'SQLite' | 'PostgreSQL', total = 1_000_000, browser = true): Promise<BulletinPageFigures> {
  const env = store === 'PostgreSQL' ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_bench_bulletin') } : undefined;
  const srv = await startInProcessServer({ checkResponses: false, env, dataDir: tempDir('bench-bulletin'), app: browser ? { staticDir: path.resolve('dist') } : {} });
  let chromiumBrowser: Browser | undefined;
  try {
    const records = provinceYear(total);
    for (let i = 0; i < records.length; i += 2_000) {
      const items = records.slice(i, i + 2_000).map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
      await srv.store.insertRatings({ deviceId: 'bench', receivedAt: Date.parse('2027-01-02T00:00:00+08:00'), clockOffsetMs: 0, items });
    }
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.OFFICE);
    const once = async () => {
      const t0 = performance.now();
      const res = await fetch(`${srv.baseUrl}${API.bulletin.path}?quarter=2026-Q3`, { headers: { cookie, 'accept-encoding': 'gzip' } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`bulletin: ${res.status} ${text}`);
      return { ms: performance.now() - t0, body: JSON.parse(text) as Bulletin, bytes: text.length };
    };
    const cold = await once();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push((await once()).ms);
    warm.sort((a, b) => a - b);
    let charts: number[] = [];
    if (browser) {
      chromiumBrowser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
      const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: srv.baseUrl }]);
      for (let i = 0; i < 4; i++) {
        const page = await context.newPage();
        await page.goto(`${srv.baseUrl}/reports`);
        const view = page.getByRole('button', { name: '季度情况通报' });
        await view.waitFor();
        const t0 = performance.now();
        await view.click();
        for (const id of CHARTS) await page.locator(`canvas[data-testid="${id}"][data-drawn="true"]`).waitFor({ timeout: 120_000 });
        charts.push(performance.now() - t0);
        await page.close();
      }
      await context.close();
    }
    const [first, ...rest] = charts;
    rest.sort((a, b) => a - b);
    const all = cold.body.current.totals;
    return {
      store, ratings: records.length, quarter: cold.body.quarter, counted: all.total, answerKiB: cold.bytes / 1024,
      coldMs: cold.ms, p50Ms: warm[2]!, maxMs: warm[4]!,
      chartsColdMs: first ?? null, chartsP50Ms: rest.length ? rest[Math.floor(rest.length / 2)]! : null, chunkGzipKiB: chunkGzipKiB(),
    };
  } finally {
    await chromiumBrowser?.close();
    await srv.close();
    if (env) await dropTestSchemas();
    else fs.rmSync(srv.dataDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/bulletin-page.ts [rows]` (after `npm run build`): these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  for (const s of ['SQLite', 'PostgreSQL'] as const) console.log(JSON.stringify(await measureBulletinPage(s, rows, s === 'SQLite')));
}
