/**
 * Renders public/icons/icon.svg to the PNG sizes Chromium, Android and iOS ask for, with Debian's Chromium.
 * Run by hand when the icon changes (`npx tsx scripts/make-icons.ts`); the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumExecutable, CHROMIUM_ARGS } from '../test/support/chromium';

const dir = path.resolve('public/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const sizes: [string, number][] = [
  ['icon-192.png', 192],
  ['icon-512.png', 512],
  ['maskable-512.png', 512],
  ['apple-touch-icon-180.png', 180],
  ['favicon-32.png', 32],
];

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
for (const [name, size] of sizes) {
  // The maskable variant is the same artwork: its shapes sit inside the central safe zone already.
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: path.join(dir, name), clip: { x: 0, y: 0, width: size, height: size } });
  console.log('wrote', name);
}
await browser.close();
