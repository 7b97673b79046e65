import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureBundle } from '../../bench/bundle-size';
import { assertBuilt } from '../support/browser';

// The chart library (issue 15) is loaded with the bulletin's view alone: the built kiosk's first paint (index.html's
// scripts and module preloads) and every other chunk hold none of Chart.js; only the BulletinScreen chunk does.
// Markers: strings Chart.js keeps through minification (its plugin hook and the property it sets on a canvas).
const MARKERS = ['beforeDatasetsDraw', '_chartjs'];

describe("the bulletin's chart library", () => {
  it('is in the bulletin chunk only, never in the kiosk first paint', () => {
    assertBuilt();
    const holders = (file: string) => MARKERS.some((m) => fs.readFileSync(path.join('dist', file), 'utf8').includes(m));
    const firstPaint = measureBundle('dist').firstPaintFiles.map((f) => f.replace(/^\//, ''));
    expect(firstPaint.length).toBeGreaterThan(0);
    for (const file of firstPaint) expect(holders(file), file).toBe(false);
    const withCharts = fs.readdirSync('dist/assets').filter((f) => f.endsWith('.js') && holders(path.join('assets', f)));
    expect(withCharts).toHaveLength(1);
    expect(withCharts[0]).toMatch(/^BulletinScreen-.*\.js$/);
  });
});
