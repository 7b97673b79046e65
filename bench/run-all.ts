/** `npm run bench`: prints the figures the issues ask for. Figures, not assertions: the tests check behaviour. */
import { measureBundle } from './bundle-size';
import { measureCaseLists } from './case-lists';
import { measureFlaggedList } from './flagged-list';
import { measurePublicationList } from './comment-publications';
import { measureTaps } from './kiosk-tap';
import { measureInviteToKioskScreen } from './invite-kiosk-browser';
import { measureIngest } from './server-ingest';
import { measureSync } from './sync-10k';
import { benchTargets, dropBenchSchemas } from './bench-targets';
import { hundredKiosks, ingestWithDevices } from './concurrent-ingest';
import { measureAtScale, type ScaleFigures } from './five-million';
import { measureDefaultJob } from './default-job';
import { measureInviteToKiosk } from './invite-to-kiosk';
import { newTestSchema, PG_TEST_URL } from '../test/support/postgres';
import { measurePhonePage } from './phone-page';
import { measureAttachment2 } from './attachment2';
import { describeAnnual, measureAnnualReport } from './annual-report';
import { measureMonthClose } from './month-close';
import { measureRankings } from './rankings';
import { measureBulletinPage } from './bulletin-page';
import { measurePublicApi } from './public-api';

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const bundle = measureBundle();
console.log(`kiosk first-paint JS (gzip -9):      ${fmt(bundle.firstPaintJsGzipKiB)} KiB  (${bundle.firstPaintFiles.join(', ')}; aim <= 130)`);
console.log(`lazy chunks, all other JS (gzip -9):  ${fmt(bundle.lazyJsGzipKiB)} KiB`);

const phonePage = await measurePhonePage();
console.log(`phone page (/r/) first-paint JS (gzip -9): ${fmt(phonePage.firstPaintJsGzipKiB)} KiB  (${phonePage.files.length} files; aim <= 60)`);
console.log(
  `  in Chromium at 390x844, ${phonePage.loads} cold loads: first paint p50 ${fmt(phonePage.fcpP50Ms, 0)} / p95 ${fmt(phonePage.fcpP95Ms, 0)} ms, ` +
    `levels on screen p50 ${fmt(phonePage.formP50Ms, 0)} / p95 ${fmt(phonePage.formP95Ms, 0)} ms`,
);

const ingest = await measureIngest();
console.log(`server ingest, SQLite store:          ${fmt(ingest.storeRatingsPerSecond, 0)} ratings/s  (validate + hash + insert, batches of 500; aim >= 20,000)`);
console.log(`server ingest, over HTTP:             ${fmt(ingest.httpRatingsPerSecond, 0)} ratings/s  (one connection, batches of 500)`);

const taps = await measureTaps(200);
console.log(`tap -> committed -> thank-you:        p50 ${fmt(taps.p50Ms)} ms, p95 ${fmt(taps.p95Ms)} ms, max ${fmt(taps.maxMs)} ms over ${taps.taps} taps  (aim p95 <= 25)`);
console.log(
  `  from the click, p50 / p95:          committed ${fmt(taps.committed.p50Ms)} / ${fmt(taps.committed.p95Ms)} ms, ` +
    `thank-you in the DOM ${fmt(taps.rendered.p50Ms)} / ${fmt(taps.rendered.p95Ms)} ms, its frame ${fmt(taps.p50Ms)} / ${fmt(taps.p95Ms)} ms`,
);

const invites = await measureInviteToKioskScreen(30);
console.log(
  `invite -> kiosk showing the item:     p50 ${fmt(invites.p50Ms, 0)} ms, p95 ${fmt(invites.p95Ms, 0)} ms, max ${fmt(invites.maxMs, 0)} ms over ${invites.invitations} invitations ` +
    `(staff session over HTTP, enrolled kiosk in Chromium, long poll)`,
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

// Issue 14: invite → the waiting kiosk's answer, on each store, the kiosks on the inviting instance or another one.
for (const [name, env] of [['SQLite', {}], ['PostgreSQL', { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_bench_inv') }]] as const) {
  const inv = await measureInviteToKiosk(100, 300, env);
  console.log(
    `invite -> kiosk answer, ${name.padEnd(10)}   p50 ${fmt(inv.sameInstance.p50Ms)} / p95 ${fmt(inv.sameInstance.p95Ms)} ms; from another instance ` +
      `p50 ${fmt(inv.otherInstance.p50Ms)} / p95 ${fmt(inv.otherInstance.p95Ms)} ms  (${inv.kiosks} kiosks long-polling, ${inv.invites} invitations over HTTP)`,
  );
}

// Issue 14: supervision's flagged list over a busy province's month (200,000 ratings), each store.
for (const store of ['SQLite', 'PostgreSQL'] as const) {
  const f = await measureFlaggedList(store, 200_000);
  console.log(
    `flagged ratings, a month of ${f.ratings.toLocaleString('en-US')} (${store}): ${f.flagged.toLocaleString('en-US')} flagged; ` +
      `list (newest 100 + total) cold ${fmt(f.coldMs, 0)} ms, then p50 ${fmt(f.p50Ms, 0)} ms, max ${fmt(f.maxMs, 0)} ms`,
  );
}

// Issue 16: the comments waiting for publication, read by the office and a lead over a year of 200,000 ratings.
for (const store of ['SQLite', 'PostgreSQL'] as const) {
  const p = await measurePublicationList(store, 200_000);
  console.log(
    `comments for /public over ${p.ratings.toLocaleString('en-US')} ratings (${store}): ${p.waiting} listed; office cold ${fmt(p.office.coldMs, 0)} ms, ` +
      `p50 ${fmt(p.office.p50Ms, 0)} ms; lead cold ${fmt(p.lead.coldMs, 0)} ms, p50 ${fmt(p.lead.p50Ms, 0)} ms`,
  );
}

// Issue 15: Attachment 2 of one month (October) over a year of 1,000,000 ratings on SQLite (aim ≤ 1 s).
{
  const a = await measureAttachment2(1_000_000);
  console.log(
    `attachment 2, one month of ${a.inMonth.toLocaleString('en-US')} over ${a.ratings.toLocaleString('en-US')} ratings (SQLite): ${a.rows} rows; ` +
      `cold ${fmt(a.coldMs, 0)} ms, then p50 ${fmt(a.p50Ms, 0)} ms, max ${fmt(a.maxMs, 0)} ms`,
  );
  console.log(`attachment 2 XLSX of that month (${a.rows} rows, ${fmt(a.xlsxBytes / 1024, 0)} KiB): cold ${fmt(a.xlsxColdMs, 0)} ms, then p50 ${fmt(a.xlsxP50Ms, 0)} ms (${fmt(a.xlsxP50CpuMs, 0)} ms CPU; aim ≤ 2 s)`);
}

// Issue 15: the annual rectification report over a year of 20,000 handled bad reviews, each store (JSON and XLSX).
for (const store of ['SQLite', 'PostgreSQL'] as const) console.log(describeAnnual(await measureAnnualReport(store, 20_000)));
// Issue 15: month close of October over the same year: the live table with every rating's signature, storing
// version 1, and the month's page after 500 late ratings (snapshot read back, live figures, both diffs).
{
  const c = await measureMonthClose(1_000_000);
  console.log(
    `month close, ${c.inMonth.toLocaleString('en-US')} ratings in the month (SQLite): live table + signatures ${fmt(c.liveMs, 0)} ms, ` +
      `storing version 1 ${fmt(c.storeMs, 0)} ms (${fmt(c.signaturesKiB, 0)} KiB of signatures), page with ${c.corrections} corrections ${fmt(c.detailMs, 0)} ms`,
  );
}

// Issue 15: rankings and flags of a quarter, every month of a year of 1,000,000 ratings counted (SQLite).
{
  const r = await measureRankings(1_000_000);
  console.log(
    `rankings and flags, a year of ${r.ratings.toLocaleString('en-US')} (SQLite): ${r.flags} flags, ${r.evidence.toLocaleString('en-US')} ratings behind them; ` +
      `cold ${fmt(r.coldMs, 0)} ms, then ${r.againMs.map((ms) => fmt(ms, 0)).join(' / ')} ms, ${fmt(r.peakMiB, 0)} MiB peak (process)`,
  );
}

// Issue 15: the quarterly bulletin (2026-Q3 beside Q2, whole scope): the server's answer over a year of ratings, and
// in Chromium the click on its view to all five charts drawn (SQLite); PostgreSQL's answer on a smaller year.
for (const [store, rows] of [['SQLite', 1_000_000], ['PostgreSQL', 200_000]] as const) {
  const b = await measureBulletinPage(store, rows, store === 'SQLite');
  console.log(
    `quarterly bulletin, ${b.quarter} of ${b.ratings.toLocaleString('en-US')} ratings (${store}): ${b.counted.toLocaleString('en-US')} counted, ` +
      `${fmt(b.answerKiB, 0)} KiB; answer cold ${fmt(b.coldMs, 0)} ms, then p50 ${fmt(b.p50Ms, 0)} ms, max ${fmt(b.maxMs, 0)} ms` +
      (b.chartsColdMs === null ? '' : `; click -> charts drawn cold ${fmt(b.chartsColdMs, 0)} ms, then p50 ${fmt(b.chartsP50Ms!, 0)} ms (chunk ${fmt(b.chunkGzipKiB)} KiB gzip)`),
  );
}

// Issue 16: /api/v1/public computed per request (a portal or a hall screen revalidates with If-None-Match).
{
  // Issue 16: /api/v1/public computed per request (a portal or a hall screen revalidates with If-None-Match).
  const pub = await measurePublicApi(1_000_000);
  console.log(`public API, one unit's month of ${pub.unitMonthRatings.toLocaleString('en-US')} ratings over ${pub.ratings.toLocaleString('en-US')} (SQLite, HTTP):`);
  for (const [label, routes] of [['computed per request', pub.uncached], ['as served (60 s memo)', pub.cached]] as const) {
    console.log(`  ${label}:`);
    for (const r of routes) {
      console.log(`    ${r.name.padEnd(8)} first ${fmt(r.coldMs, 0)} ms, then p50 ${fmt(r.p50Ms, 0)} ms, 304 revalidation ${fmt(r.notModifiedMs, 0)} ms, ${fmt(r.bytes / 1024)} KiB`);
    }
  }
}

// Issue 13: both stores side by side. BENCH_SCALE_ROWS lowers the 5,000,000 of the large-database figures.
const targets = benchTargets();
try {
  const scaleRows = Number(process.env.BENCH_SCALE_ROWS ?? 5_000_000);
  console.log(`\nstores side by side                   ${targets.map((t) => t.name.padEnd(26)).join('')}`);
  const row = (label: string, values: string[]) => console.log(`${label.padEnd(38)}${values.map((v) => v.padEnd(26)).join('')}`);
  const ingest8: string[] = [];
  const ingest8Two: string[] = [];
  const kiosks: string[] = [];
  const kioskLatency: string[] = [];
  const kioskMemory: string[] = [];
  for (const t of targets) {
    ingest8.push(`${fmt(await ingestWithDevices(t), 0)} ratings/s`);
    ingest8Two.push(`${fmt(await ingestWithDevices(t, 8, 20, 2), 0)} ratings/s`);
    const k = await hundredKiosks(t);
    kiosks.push(`${fmt(k.seconds, 2)} s`);
    kioskLatency.push(`p50 ${fmt(k.p50Ms, 0)} / p95 ${fmt(k.p95Ms, 0)} ms`);
    kioskMemory.push(`${fmt(k.peakMiB, 0)} MiB peak`);
  }
  row('ingest over HTTP, 8 devices at once', ingest8);
  row('  the same through 2 instances', ingest8Two);
  row('  (aim on PostgreSQL >= 20,000/s)', []);
  row('100 kiosks x 1,000 queued, 2 instances', kiosks);
  row('  push latency', kioskLatency);
  row('  memory of one instance', kioskMemory);
  // Issue 14: the default 满意 job, each store in a database of its own (BENCH_DEFAULT_CASES lowers the 200,000).
  const defaultCases = Number(process.env.BENCH_DEFAULT_CASES ?? 200_000);
  const defaults = [];
  for (const t of benchTargets()) defaults.push(await measureDefaultJob(t, defaultCases));
  row(`default 满意, ${defaultCases.toLocaleString('en-US')} finished 办件: first run`, defaults.map((d) => `${fmt(d.firstRunSeconds, 2)} s (${d.made.toLocaleString('en-US')} made)`));
  row('  again, nothing due', defaults.map((d) => `${fmt(d.againSeconds, 2)} s (${d.againMade} made)`));
  const scale: ScaleFigures[] = [];
  for (const t of targets) scale.push(await measureAtScale(t, scaleRows));
  row(`${scaleRows.toLocaleString('en-US')} ratings: filled in`, scale.map((s) => `${fmt(s.fillSeconds, 0)} s`));
  row('  ratings list p95, staff / supervision', scale.map((s) => `${fmt(s.staffListP95Ms)} / ${fmt(s.supervisionListP95Ms)} ms`));
  row('  case summary p95, staff / supervision', scale.map((s) => `${fmt(s.staffSummaryP95Ms)} / ${fmt(s.supervisionSummaryP95Ms)} ms`));
  row('  memory of the instance', scale.map((s) => `${fmt(s.rssMiB, 0)} MiB (peak ${fmt(s.peakMiB, 0)})`));
} finally {
  await dropBenchSchemas();
}
