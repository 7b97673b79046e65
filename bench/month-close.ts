import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { uuidv7 } from '../src/domain/ids';
import { payloadHash } from '../sync-server/canonical';
import { liveMonth, monthCloseDetail } from '../sync-server/figures/month-close-service';
import { monthCloseInsertArgs } from '../sync-server/store/month-close-rows';
import { caseOnArrival } from '../sync-server/store/rules/case-opening';
import { openDemoStore, tempDir } from '../test/support/server';
import { provinceYear } from './attachment2';

export interface MonthCloseFigures {
  ratings: number;
  inMonth: number;
  /** Making the live table and the signatures of October (what a submission stores). */
  liveMs: number;
  /** Storing version 1 and the size of its signatures. */
  storeMs: number;
  signaturesKiB: number;
  /** One month's page: the snapshot read back, the live figures, both diffs (500 late ratings added since). */
  detailMs: number;
  corrections: number;
}

const SETTINGS = { followUpWindowDays: 30 };

/** Month close of October over a year of `total` province ratings on SQLite (the issue 15 bench's data). */
export async function measureMonthClose(total = 1_000_000): Promise<MonthCloseFigures> {
  const dir = tempDir('bench-close');
  const store = await openDemoStore(dir);
  try {
    const insert = async (records: ReturnType<typeof provinceYear>) => {
      for (let i = 0; i < records.length; i += 2_000) {
        const items = records.slice(i, i + 2_000).map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
        await store.insertRatings({ deviceId: 'bench', receivedAt: Date.now(), clockOffsetMs: 0, items });
      }
    };
    const records = provinceYear(total);
    await insert(records);
    const t0 = performance.now();
    const live = await liveMonth(store, '2026-10', null, Date.now(), SETTINGS);
    const liveMs = performance.now() - t0;
    const close = { id: uuidv7(), month: '2026-10', unitId: null, version: 1, submittedBy: 'demo-office', submittedAt: Date.now(), generatedAt: Date.now(), rows: live.table.rows, signatures: live.signatures };
    const t1 = performance.now();
    await store.insertMonthClose(close);
    const storeMs = performance.now() - t1;
    // The stored text of the signatures (the last column month-close-rows.ts writes).
    const signaturesKiB = String(monthCloseInsertArgs(close).at(-1)).length / 1024;
    // 500 ratings of October arrive late (kiosks that were offline).
    const october = Date.parse('2026-10-15T10:00:00+08:00');
    await insert(records.filter((r) => !r.caseNumber).slice(0, 500).map((r, i) => ({ ...r, id: uuidv7(october + i), deviceTime: october + i })));
    const t2 = performance.now();
    const detail = await monthCloseDetail(store, '2026-10', null, Date.now(), SETTINGS);
    const detailMs = performance.now() - t2;
    return { ratings: total + 500, inMonth: live.signatures.length, liveMs, storeMs, signaturesKiB, detailMs, corrections: detail.correctionsTotal };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.env.BENCH_CLOSE_RATINGS ?? 1_000_000);
  console.log(await measureMonthClose(n));
}
