import { TAP_MEASURES } from '../src/kiosk/tap-timing';
import { openProfile } from '../test/support/browser';
import { spawnServer, tempDir } from '../test/support/server';

export interface Quantiles {
  p50Ms: number;
  p95Ms: number;
}
export interface TapFigures extends Quantiles {
  taps: number;
  maxMs: number;
  /** From the click: the strict commit, the thank-you screen in the DOM (p50 and p95 of each). */
  committed: Quantiles;
  rendered: Quantiles;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const quantiles = (values: number[]): Quantiles => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
};

/**
 * Taps in Chromium on the built app, thank-you shortened. Each figure runs from the click event's timestamp to
 * the first animation frame after the thank-you screen rendered, which follows the strict commit. The mouse is
 * pressed at the button's centre after a random wait of up to one frame: a finger lands at any point of the
 * display's 16.7 ms cycle, whereas Playwright's `click()` waits for an animation frame before pressing, which
 * would put every tap at the same point of the cycle.
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
      const box = (await page.getByRole('button', { name: levels[i % 3], exact: true }).boundingBox())!;
      await page.waitForTimeout(Math.random() * 17);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('[data-screen="idle"]').waitFor();
      await page.waitForFunction(([name, n]) => performance.getEntriesByName(name).length >= n, [TAP_MEASURES.painted, i + 1] as const);
    }
    const read = (name: string) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
    const painted = await read(TAP_MEASURES.painted);
    return {
      taps: painted.length,
      ...quantiles(painted),
      maxMs: Math.max(...painted),
      committed: quantiles(await read(TAP_MEASURES.committed)),
      rendered: quantiles(await read(TAP_MEASURES.rendered)),
    };
  } finally {
    await context.close();
    await server.stop();
  }
}
