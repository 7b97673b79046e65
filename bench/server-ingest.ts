import { performance } from 'node:perf_hooks';
import { ingestRatings } from '../sync-server/ingest';
import { PUSH_RATINGS_PATH } from '../src/domain/sync-constants';
import { badRating, DEMO_DEVICE, demoRating } from '../test/support/ratings';
import { openDemoStore, startInProcessServer, tempDir } from '../test/support/server';

export interface IngestFigures {
  storeRatingsPerSecond: number;
  httpRatingsPerSecond: number;
}

function makeBatches(total: number, size: number) {
  const batches: unknown[][] = [];
  for (let i = 0; i < total; i += size) {
    batches.push(Array.from({ length: Math.min(size, total - i) }, (_, j) => ((i + j) % 10 === 0 ? badRating() : demoRating())));
  }
  return batches;
}

/** Validation, hashing and the SQLite transaction, as one push does them, without HTTP. */
async function storeThroughput(total: number): Promise<number> {
  const store = await openDemoStore(tempDir('bench-ingest'));
  const batches = makeBatches(total, 500);
  const t0 = performance.now();
  for (const ratings of batches) await ingestRatings(store, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings }, Date.now());
  const seconds = (performance.now() - t0) / 1000;
  if ((await store.countRatings()) !== total) throw new Error('ingest lost ratings');
  await store.close();
  return total / seconds;
}

/** The same through real HTTP on loopback, JSON parsing included, one batch at a time as one kiosk sends. */
async function httpThroughput(total: number): Promise<number> {
  const srv = await startInProcessServer({ checkResponses: false });
  const batches = makeBatches(total, 500).map((ratings) => JSON.stringify({ deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings }));
  const t0 = performance.now();
  for (const body of batches) {
    const res = await fetch(srv.baseUrl + PUSH_RATINGS_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (res.status !== 200) throw new Error(`push failed: ${res.status}`);
    await res.arrayBuffer();
  }
  const seconds = (performance.now() - t0) / 1000;
  await srv.close();
  return total / seconds;
}

export async function measureIngest(): Promise<IngestFigures> {
  return { storeRatingsPerSecond: await storeThroughput(100_000), httpRatingsPerSecond: await httpThroughput(50_000) };
}
