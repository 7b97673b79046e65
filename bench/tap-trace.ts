/**
 * `npx tsx bench/tap-trace.ts` (after `npm run build`): records a Chromium performance trace of kiosk taps and
 * prints, for the median tap, what the page's main thread did from the click to the frame that paints the
 * thank-you screen. It is how the breakdown in issue 11's note was found; `npm run bench` prints the figures.
 */
import { TAP_MEASURES } from '../src/kiosk/tap-timing';
import { openProfile } from '../test/support/browser';
import { spawnServer, tempDir } from '../test/support/server';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; cat: string; args?: Record<string, unknown> }

const server = await spawnServer({ dataDir: tempDir('bench-trace'), built: true });
const { context, page } = await openProfile(tempDir('bench-trace-profile'));
try {
  await page.goto(`${server.baseUrl}/?thanksMs=30`);
  await page.getByRole('button', { name: '满意', exact: true }).waitFor();
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,toplevel,v8.execute', transferMode: 'ReportEvents' });
  const taps = 15;
  for (let i = 0; i < taps; i++) {
    const box = (await page.getByRole('button', { name: '满意', exact: true }).boundingBox())!;
    await page.waitForTimeout(Math.random() * 17);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // Polled every 50 ms, not every frame: Playwright's per-frame polling would run on the main thread mid-tap.
    await page.waitForFunction(
      ([name, n]) => performance.getEntriesByName(name).length >= n && document.querySelector('[data-screen="idle"]') !== null,
      [TAP_MEASURES.painted, i + 1] as const,
      { polling: 50 },
    );
  }
  await cdp.send('Tracing.end');
  await done;

  const clicks = events.filter((e) => e.name === 'EventDispatch' && (e.args?.data as { type?: string })?.type === 'click').sort((a, b) => a.ts - b.ts);
  const mainTid = clicks[0].tid;
  const onMain = events.filter((e) => e.tid === mainTid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  // A user-timing measure is an async pair in the trace: its end ('e') is the moment it names.
  const ends = (name: string) => events.filter((e) => e.name === name && e.ph === 'e').map((e) => e.ts).sort((a, b) => a - b);
  const committed = ends(TAP_MEASURES.committed);
  const rendered = ends(TAP_MEASURES.rendered);
  const painted = ends(TAP_MEASURES.painted);
  const rows = clicks.map((click, i) => {
    const t0 = click.ts;
    const firstPaint = onMain.find((e) => e.name === 'Paint' && e.ts > t0)!.ts;
    const busy = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts >= t0 && e.ts < painted[i]).reduce((sum, e) => sum + (e.dur ?? 0), 0);
    const ms = (t: number) => (t - t0) / 1000;
    return { handler: (click.dur ?? 0) / 1000, firstFrame: ms(firstPaint), committed: ms(committed[i]), rendered: ms(rendered[i]), painted: ms(painted[i]), busy: busy / 1000 };
  });
  const median = (k: keyof (typeof rows)[number]) => [...rows.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(rows.length / 2)].toFixed(1);
  console.log(`${taps} traced taps, medians in ms from the click event (trace clock):`);
  console.log(`  click handler ran for            ${median('handler')}`);
  console.log(`  the frame Chromium draws first   ${median('firstFrame')}  (no task of the page runs after an input before this frame)`);
  console.log(`  strict commit reported           ${median('committed')}`);
  console.log(`  thank-you in the DOM             ${median('rendered')}`);
  console.log(`  next frame (thank-you painted)   ${median('painted')}`);
  console.log(`  main thread busy in all that     ${median('busy')}`);
} finally {
  await context.close();
  await server.stop();
}
