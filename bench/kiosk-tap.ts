import { TAP_TO_THANKS_MEASURE } from '../src/kiosk/ThankYou';
import { openProfile } from '../test/support/browser';
import { spawnServer, tempDir } from '../test/support/server';

export interface TapFigures {
  taps: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * 200 taps in Chromium on the built app, thank-you and idle shortened. Each figure runs from the click event's
 * timestamp to the first animation frame after the thank-you screen rendered, which follows the strict commit.
 */
export async function measureTaps(taps = 200): Promise<TapFigures> {
  const server = await spawnServer({ dataDir: tempDir('bench-tap'), built: true });
  const { context, page } = await openProfile(tempDir('bench-tap-profile'));
  try {
    await page.goto(`${server.baseUrl}/?thanksMs=30`);
    const levels = ['非常满意', '满意', '基本满意'];
    await page.getByRole('button', { name: levels[0] }).waitFor();
    await page.waitForTimeout(1500); // let the lazy chunks arrive, as they do while a real kiosk idles
    for (let i = 0; i < taps; i++) {
      const button = page.getByRole('button', { name: levels[i % 3], exact: true });
      await button.click();
      await page.locator('[data-screen="idle"]').waitFor();
      await page.waitForFunction((n) => performance.getEntriesByName('hcp:tap-to-thanks').length >= n, i + 1);
    }
    const durations: number[] = await page.evaluate((name) => performance.getEntriesByName(name).map((e) => e.duration), TAP_TO_THANKS_MEASURE);
    durations.sort((a, b) => a - b);
    return { taps: durations.length, p50Ms: percentile(durations, 50), p95Ms: percentile(durations, 95), maxMs: durations[durations.length - 1] };
  } finally {
    await context.close();
    await server.stop();
  }
}
