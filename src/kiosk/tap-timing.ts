/**
 * User-timing measures of a tap, from the click's timestamp: to the strict commit, to the thank-you screen
 * committed to the DOM, and to the next animation frame (the frame that paints it). `npm run bench` reads them
 * for its breakdown; a kiosk tapped all day keeps only the latest, so the buffer does not grow without end.
 */
export const TAP_MEASURES = {
  committed: 'hcp:tap-to-commit',
  rendered: 'hcp:tap-to-rendered',
  painted: 'hcp:tap-to-thanks',
} as const;

const KEEP = 1000;

export function measureTap(name: (typeof TAP_MEASURES)[keyof typeof TAP_MEASURES], tapTime: number) {
  if (performance.getEntriesByName(name, 'measure').length >= KEEP) performance.clearMeasures(name);
  performance.measure(name, { start: tapTime, end: performance.now() });
}

/** Runs `fn` once the next frame is drawn; a hidden page draws no frames, so at the latest after 100 ms. */
export function afterNextFrame(fn: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => window.setTimeout(once, 0));
  window.setTimeout(once, 100);
}
