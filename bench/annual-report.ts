import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { CaseAction } from '../src/domain/case-machine';
import { uuidv7 } from '../src/domain/ids';
import type { RatingRecord } from '../src/domain/rating';
import { payloadHash } from '../sync-server/canonical';
import { buildAnnualReport } from '../sync-server/figures/annual-report';
import { writeAnnualXlsx } from '../sync-server/figures/annual-xlsx';
import { caseOnArrival } from '../sync-server/store/rules/case-opening';
import type { CaseEventAppend, Store } from '../sync-server/store/store';
import { dropTestSchemas, PG_TEST_URL, newTestSchema } from '../test/support/postgres';
import { openDemoStore, tempDir } from '../test/support/server';

export interface AnnualFigures {
  store: 'SQLite' | 'PostgreSQL';
  reviews: number;
  events: number;
  /** Store read + replay + grouping, cold then the best of 3. */
  buildColdMs: number;
  buildMs: number;
  jsonMiB: number;
  jsonGzipMiB: number;
  xlsxMs: number;
  xlsxMiB: number;
  rssPeakMiB: number;
}

const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');
const DAY = 86_400_000;
const HOUR = 3_600_000;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

/** `total` bad reviews over 2026 (20 units × 15 windows × 2 staff), 60 % with a phone, 40 % for a 办件, time order. */
function badYear(total: number): RatingRecord[] {
  const rnd = prng(2026);
  const out: RatingRecord[] = [];
  for (let i = 0; i < total; i++) {
    const at = YEAR_START + Math.floor((i / total) * 360 * DAY) + 9 * HOUR + Math.floor(rnd() * 8 * HOUR);
    const u = Math.floor(rnd() * 20);
    const w = Math.floor(rnd() * 15);
    out.push({
      id: uuidv7(at), v: 1, level: rnd() < 0.6 ? 'DISSATISFIED' : 'VERY_DISSATISFIED', reasons: ['ATTITUDE'], channel: 'HALL_TABLET',
      unitId: `u${u}`, windowId: `u${u}-w${w}`, staffId: `u${u}-w${w}-s${Math.floor(rnd() * 2)}`, deviceId: `dev-${u}-${w}`, deviceTime: at, locale: 'zh-CN',
      comment: '材料要求前后说法不一致，跑了两趟，电话 13800138000',
      ...(rnd() < 0.4 ? { caseNumber: `BJ-${i}` } : {}), ...(rnd() < 0.6 ? { contact: { phone: '13800138000' } } : {}),
    });
  }
  return out;
}

/** Each case handled the way most are: call-back (if named), 5 working days, rectified, replied, closed. */
function stepsOf(r: RatingRecord, n: number): CaseAction[] {
  const named = !!r.contact;
  const decide: CaseAction = n % 10 === 0
    ? { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '监控核实为误触', approverId: 'sup' }
    : { type: 'DECIDE', path: n % 3 === 0 ? 'FIX_NOW' : 'FIX_WITHIN_5', note: '核实属实' };
  const steps: CaseAction[] = [];
  if (named) steps.push({ type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '已致歉' });
  steps.push(decide);
  if (decide.path === 'NOT_ADOPTED') steps.push({ type: 'APPROVE' });
  else steps.push({ type: 'RECTIFY', what: '编制一次性告知清单，组织窗口人员培训' });
  if (named) steps.push({ type: 'REPLY', channel: 'PHONE', text: '已整改并回复群众' });
  // One in five stays open: the report shows them as in progress or overdue.
  if (n % 5 !== 0) steps.push({ type: 'CLOSE' });
  return steps;
}

async function fill(store: Store, total: number): Promise<{ reviews: number; events: number }> {
  const records = badYear(total);
  let events = 0;
  for (let i = 0; i < records.length; i += 1_000) {
    const batch = records.slice(i, i + 1_000);
    const receivedAt = batch[0]!.deviceTime;
    const items = batch.map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
    await store.insertRatings({ deviceId: 'bench', receivedAt, clockOffsetMs: 0, items });
    const appends: CaseEventAppend[] = [];
    batch.forEach((r, k) => {
      stepsOf(r, i + k).forEach((action, e) => {
        const at = r.deviceTime + (e + 1) * HOUR;
        const by = action.type === 'APPROVE' ? 'sup' : r.staffId!;
        appends.push({ caseId: r.id, expectedEvents: e, event: { id: uuidv7(at), action, by, at }, payloadHash: `h${r.id}${e}`, closedAt: action.type === 'CLOSE' ? at : null });
      });
    });
    if (!(await store.appendCaseEvents(appends, receivedAt + DAY))) throw new Error('append refused');
    events += appends.length;
  }
  return { reviews: records.length, events };
}

class Counting extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void) {
    this.bytes += chunk.length;
    done();
  }
}

export async function measureAnnualReport(storeName: 'SQLite' | 'PostgreSQL', total = 20_000): Promise<AnnualFigures> {
  const dir = tempDir('bench-annual');
  const env = storeName === 'PostgreSQL' ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_bench_annual') } : {};
  const store = await openDemoStore(dir, env);
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const { reviews, events } = await fill(store, total);
    const build = async () => {
      const t0 = performance.now();
      const report = await buildAnnualReport(store, { year: 2026, unitId: null, scope: { kind: 'all' }, generatedAt: Date.now(), settings: { followUpWindowDays: 30 } });
      return { ms: performance.now() - t0, report };
    };
    const cold = await build();
    const warm = [(await build()).ms, (await build()).ms, (await build()).ms].sort((a, b) => a - b);
    const json = JSON.stringify(cold.report);
    const gzip = zlib.gzipSync(json, { level: 6 });
    const out = new Counting();
    const t0 = performance.now();
    await writeAnnualXlsx(cold.report, out);
    const xlsxMs = performance.now() - t0;
    if (cold.report.total.total !== reviews) throw new Error(`report has ${cold.report.total.total} of ${reviews}`);
    return {
      store: storeName, reviews, events, buildColdMs: cold.ms, buildMs: warm[0]!, jsonMiB: json.length / 2 ** 20, jsonGzipMiB: gzip.length / 2 ** 20,
      xlsxMs, xlsxMiB: out.bytes / 2 ** 20, rssPeakMiB: peak / 2 ** 20,
    };
  } finally {
    clearInterval(sample);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (storeName === 'PostgreSQL') await dropTestSchemas();
  }
}

export function describeAnnual(f: AnnualFigures): string {
  const n = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  return (
    `annual report, ${n(f.reviews)} bad reviews / ${n(f.events)} case events (${f.store}): build cold ${n(f.buildColdMs)} ms, then ${n(f.buildMs)} ms; ` +
    `JSON ${n(f.jsonMiB, 1)} MiB (gzip ${n(f.jsonGzipMiB, 1)}); XLSX ${n(f.xlsxMs)} ms, ${n(f.xlsxMiB, 1)} MiB; peak RSS ${n(f.rssPeakMiB)} MiB`
  );
}

// `npx tsx bench/annual-report.ts [reviews]`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const s of ['SQLite', 'PostgreSQL'] as const) console.log(describeAnnual(await measureAnnualReport(s, Number(process.argv[2] ?? 20_000))));
}
