import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEFAULT_ASSESSMENT_SETTINGS } from '../src/domain/service-case-assessments';
import { payloadHash } from '../sync-server/canonical';
import { buildRankingsReport } from '../sync-server/figures/rankings-report';
import { caseOnArrival } from '../sync-server/store/rules/case-opening';
import { openDemoStore, tempDir } from '../test/support/server';
import { provinceYear } from './attachment2';

export interface RankingsFigures {
  ratings: number;
  flags: number;
  evidence: number;
  coldMs: number;
  /** Two more runs (a year of a province takes tens of seconds each). */
  againMs: [number, number];
  peakMiB: number;
}

const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');

/**
 * Rankings and flags of 2026 Q4 over a province's year of `total` ratings on SQLite (bench/attachment2.ts's year:
 * 20 units × 15 windows, 3 % bad, each with its case): every month of the year counted, cold, then twice more.
 */
export async function measureRankings(total = 1_000_000): Promise<RankingsFigures> {
  const dir = tempDir('bench-rank');
  const store = await openDemoStore(dir);
  try {
    const records = provinceYear(total);
    for (let i = 0; i < records.length; i += 2_000) {
      const items = records.slice(i, i + 2_000).map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
      await store.insertRatings({ deviceId: 'bench', receivedAt: YEAR_START + 366 * 86_400_000, clockOffsetMs: 0, items });
    }
    let peak = process.memoryUsage().rss;
    const once = async () => {
      const t0 = performance.now();
      const report = await buildRankingsReport(store, 2026, 4, Date.parse('2027-01-10T00:00:00+08:00'), DEFAULT_ASSESSMENT_SETTINGS);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { ms: performance.now() - t0, report };
    };
    const cold = await once();
    const againMs: [number, number] = [(await once()).ms, (await once()).ms];
    return { ratings: records.length, flags: cold.report.flags.length, evidence: cold.report.ratings.length, coldMs: cold.ms, againMs, peakMiB: peak / 1_048_576 };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/rankings.ts [rows]`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureRankings(Number(process.argv[2] ?? 1_000_000))));
}
