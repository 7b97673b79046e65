import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { uuidv7 } from '../src/domain/ids';
import type { LevelKey } from '../src/domain/levels';
import type { RatingRecord } from '../src/domain/rating';
import { payloadHash } from '../sync-server/canonical';
import { buildAttachment2 } from '../sync-server/figures/attachment2-report';
import { namesFromCatalog } from '../sync-server/figures/attachment2-csv';
import { attachment2Xlsx, scopeNameZh } from '../sync-server/figures/attachment2-xlsx';
import { caseOnArrival } from '../sync-server/store/rules/case-opening';
import { openDemoStore, tempDir } from '../test/support/server';

export interface Attachment2Figures {
  ratings: number;
  inMonth: number;
  rows: number;
  coldMs: number;
  p50Ms: number;
  maxMs: number;
  /** The XLSX of that month's table (attachment2-xlsx.ts), bytes and time: cold, then the median of 5. */
  xlsxBytes: number;
  xlsxColdMs: number;
  xlsxP50Ms: number;
  /** CPU time of the median XLSX run: what it costs this process, whatever else the machine runs. */
  xlsxP50CpuMs: number;
}

const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');
const DAY = 86_400_000;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

/**
 * A province's year: `total` ratings over 2026's opening hours, 20 units × 15 windows × 2 staff, 3 % bad (each opens
 * its case, 60 % with a phone), 40 % of them for a 办件 (one in ten of those with a 追评 a few days later).
 */
export function provinceYear(total: number): RatingRecord[] {
  const rnd = prng(15);
  const out: RatingRecord[] = [];
  while (out.length < total) {
    const at = YEAR_START + Math.floor(rnd() * 365) * DAY + 9 * 3_600_000 + Math.floor(rnd() * 8 * 3_600_000);
    const u = Math.floor(rnd() * 20);
    const w = Math.floor(rnd() * 15);
    const x = rnd();
    const level: LevelKey = x < 0.02 ? 'DISSATISFIED' : x < 0.03 ? 'VERY_DISSATISFIED' : x < 0.1 ? 'BASICALLY_SATISFIED' : x < 0.5 ? 'SATISFIED' : 'VERY_SATISFIED';
    const bad = level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED';
    const caseNumber = rnd() < 0.4 ? `BJ-${out.length}` : undefined;
    const r: RatingRecord = {
      id: uuidv7(at), v: 1, level, reasons: bad ? ['ATTITUDE'] : [], channel: rnd() < 0.7 ? 'HALL_TABLET' : 'QR', unitId: `u${u}`, windowId: `u${u}-w${w}`,
      staffId: `u${u}-w${w}-s${Math.floor(rnd() * 2)}`, deviceId: `dev-${u}-${w}`, deviceTime: at, locale: 'zh-CN',
      ...(caseNumber ? { caseNumber } : {}), ...(bad && rnd() < 0.6 ? { contact: { phone: '13800138000' } } : {}),
    };
    out.push(r);
    if (caseNumber && rnd() < 0.1 && out.length < total) out.push({ ...r, id: uuidv7(at + 3 * DAY), level: 'VERY_SATISFIED', reasons: [], deviceTime: at + 3 * DAY, channel: 'PHONE' });
  }
  return out;
}

/** Attachment 2 of October over a year of `total` ratings on SQLite (cold, then 5 more). */
export async function measureAttachment2(total = 1_000_000): Promise<Attachment2Figures> {
  const dir = tempDir('bench-a2');
  const store = await openDemoStore(dir);
  try {
    const records = provinceYear(total);
    for (let i = 0; i < records.length; i += 2_000) {
      const items = records.slice(i, i + 2_000).map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
      await store.insertRatings({ deviceId: 'bench', receivedAt: YEAR_START + 366 * DAY, clockOffsetMs: 0, items });
    }
    const once = async () => {
      const t0 = performance.now();
      const table = await buildAttachment2(store, '2026-10', null, Date.now(), { followUpWindowDays: 30 });
      return { ms: performance.now() - t0, table };
    };
    const cold = await once();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push((await once()).ms);
    warm.sort((a, b) => a - b);
    const all = cold.table.rows[0]!;
    // The office's download: the month's table written as the XLSX form (the table above; names from the catalogue).
    const names = namesFromCatalog(await store.loadCatalog());
    const xlsxOnce = async () => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const bytes = await attachment2Xlsx(cold.table, names, { scopeName: scopeNameZh(names, null) });
      const cpu = process.cpuUsage(cpu0);
      return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, bytes: bytes.length };
    };
    const xlsxCold = await xlsxOnce();
    const xlsxWarm: { ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < 5; i++) xlsxWarm.push(await xlsxOnce());
    xlsxWarm.sort((a, b) => a.ms - b.ms);
    return {
      ratings: records.length, inMonth: all.total + all.invalid, rows: cold.table.rows.length, coldMs: cold.ms, p50Ms: warm[2]!, maxMs: warm[4]!,
      xlsxBytes: xlsxCold.bytes, xlsxColdMs: xlsxCold.ms, xlsxP50Ms: xlsxWarm[2]!.ms, xlsxP50CpuMs: xlsxWarm[2]!.cpuMs,
    };
  } finally {
    await store.close();
    // A year of a province is hundreds of MB: not left behind in the temporary folder.
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/attachment2.ts [rows]`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureAttachment2(Number(process.argv[2] ?? 1_000_000))));
}
