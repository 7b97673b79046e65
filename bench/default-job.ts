import { performance } from 'node:perf_hooks';
import { uuidv7 } from '../src/domain/ids';
import type { ServiceCaseFields } from '../src/domain/service-case';
import { runDefaultJob } from '../sync-server/defaults/default-job';
import { parseTimeText } from '../sync-server/service-cases/import-values';
import type { PreparedRating, Store } from '../sync-server/store/store';
import { demoRating, DEMO_DEVICE } from '../test/support/ratings';
import { openDemoStore } from '../test/support/server';
import type { BenchTarget } from './bench-targets';

const DAY = 86_400_000;
const at = (text: string) => parseTimeText(text)!;

export interface DefaultJobFigures {
  cases: number;
  /** Citizen ratings made within five days of the finish (no default needed; the job must skip them quickly). */
  citizenRated: number;
  firstRunSeconds: number;
  made: number;
  /** The same job again at once: nothing due any more. */
  againSeconds: number;
  againMade: number;
  fillSeconds: number;
}

/**
 * Issue 14's figure: the default 满意 job over `cases` finished 办件 (finished evenly from 2025-01-02 to
 * 2026-10-31, as of 2026-11-15, so every one is due), one in four rated by a citizen two days after its finish
 * through the store's ingest path (the supersede hook included). The job runs in-process as the server runs it.
 */
export async function measureDefaultJob(target: BenchTarget, cases = 200_000): Promise<DefaultJobFigures> {
  const store = await openDemoStore(target.dataDir(0), target.env);
  try {
    const fillStart = performance.now();
    const citizenRated = await fill(store, cases);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const asOf = at('2026-11-15T00:00:00+08:00');
    const t0 = performance.now();
    const first = await runDefaultJob(store, { asOf, runBy: { kind: 'server' } });
    const t1 = performance.now();
    const again = await runDefaultJob(store, { asOf, runBy: { kind: 'server' } });
    const t2 = performance.now();
    return {
      cases,
      citizenRated,
      firstRunSeconds: (t1 - t0) / 1000,
      made: first.counts.made,
      againSeconds: (t2 - t1) / 1000,
      againMade: again.counts.made,
      fillSeconds,
    };
  } finally {
    await store.close();
  }
}

async function fill(store: Store, n: number): Promise<number> {
  const start = at('2025-01-02T09:00:00+08:00');
  const step = Math.floor((at('2026-10-31T17:00:00+08:00') - start) / n);
  const received = Date.now();
  let rated = 0;
  for (let from = 0; from < n; from += 5000) {
    const batch: ServiceCaseFields[] = [];
    const ratings: PreparedRating[] = [];
    for (let i = from; i < Math.min(n, from + 5000); i++) {
      const finishedAt = start + i * step;
      const caseNo = `BENCH-${String(i).padStart(7, '0')}`;
      batch.push({
        caseNo, serviceItemId: 'demo-item-1', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', applicantType: 'PERSON',
        acceptedAt: finishedAt - 3_600_000, finishedAt, status: 'FINISHED', source: 'API',
      });
      if (i % 4 === 0) {
        const madeAt = finishedAt + 2 * DAY;
        const record = demoRating({ id: uuidv7(madeAt), caseNumber: caseNo, deviceTime: madeAt }, madeAt);
        ratings.push({ record, hash: `bench-${record.id}`, opensCase: null });
      }
    }
    await store.upsertServiceCases(batch, received);
    if (ratings.length) await store.insertRatings({ deviceId: DEMO_DEVICE, receivedAt: received, clockOffsetMs: 0, items: ratings });
    rated += ratings.length;
  }
  return rated;
}
