/** `npm run bench`: prints the figures the issues ask for. Figures, not assertions: the tests check behaviour. */
import { measureBundle } from './bundle-size';
import { measureCaseLists } from './case-lists';
import { measureTaps } from './kiosk-tap';
import { measureIngest } from './server-ingest';
import { measureSync } from './sync-10k';

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const bundle = measureBundle();
console.log(`kiosk first-paint JS (gzip -9):      ${fmt(bundle.firstPaintJsGzipKiB)} KiB  (${bundle.firstPaintFiles.join(', ')}; aim <= 130)`);
console.log(`lazy chunks, all other JS (gzip -9):  ${fmt(bundle.lazyJsGzipKiB)} KiB`);

const ingest = await measureIngest();
console.log(`server ingest, SQLite store:          ${fmt(ingest.storeRatingsPerSecond, 0)} ratings/s  (validate + hash + insert, batches of 500; aim >= 20,000)`);
console.log(`server ingest, over HTTP:             ${fmt(ingest.httpRatingsPerSecond, 0)} ratings/s  (one connection, batches of 500)`);

const taps = await measureTaps(200);
console.log(`tap -> committed -> thank-you:        p50 ${fmt(taps.p50Ms)} ms, p95 ${fmt(taps.p95Ms)} ms, max ${fmt(taps.maxMs)} ms over ${taps.taps} taps  (aim p95 <= 25)`);
console.log(
  `  from the click, p50 / p95:          committed ${fmt(taps.committed.p50Ms)} / ${fmt(taps.committed.p95Ms)} ms, ` +
    `thank-you in the DOM ${fmt(taps.rendered.p50Ms)} / ${fmt(taps.rendered.p95Ms)} ms, its frame ${fmt(taps.p50Ms)} / ${fmt(taps.p95Ms)} ms`,
);

const sync = await measureSync(10_000);
console.log(
  `10,000 queued -> all acknowledged:    ${fmt(sync.seconds, 2)} s, ${fmt(sync.bytesPerRating)} B/rating on the wire ` +
    `(up ${fmt(sync.upBytesPerRating)}, down ${fmt(sync.downBytesPerRating)}; aim <= 2 s and <= 150 B)`,
);

const cases = await measureCaseLists(2_000);
console.log(
  `bad-review cases, ${cases.cases.toLocaleString('en-US')} open in scope: summary poll ${fmt(cases.summaryColdMs, 0)} ms counting overdue, then ${fmt(cases.summaryMs)} ms, ` +
    `full list ${fmt(cases.listMs, 0)} ms and ${fmt(cases.listKiB, 0)} KiB on the wire (supervision's view)`,
);
