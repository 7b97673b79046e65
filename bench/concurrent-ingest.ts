import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { PUSH_RATINGS_PATH } from '../src/domain/sync-constants';
import { badRating, DEMO_DEVICE, demoRating } from '../test/support/ratings';
import { memoryOf, percentile, startInstances, stopInstances, type BenchTarget } from './bench-targets';

const body = (count: number) =>
  gzipSync(JSON.stringify({ deviceId: DEMO_DEVICE, sentAt: Date.now(), items: Array.from({ length: count }, (_, i) => (i % 10 === 0 ? badRating() : demoRating())) }));

async function push(baseUrl: string, gz: Buffer): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(baseUrl + PUSH_RATINGS_PATH, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: new Uint8Array(gz) });
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
  const answer = (await res.json()) as { results: { status: string }[] };
  if (answer.results.some((r) => r.status !== 'accepted')) throw new Error('a rating was not accepted');
  return performance.now() - t0;
}

/** `devices` kiosks pushing batches of 500 at once, spread over `instances` servers, over HTTP: ratings per second. */
export async function ingestWithDevices(target: BenchTarget, devices = 8, batchesEach = 20, instances = 1): Promise<number> {
  const servers = await startInstances(target, instances);
  try {
    // Bodies made before the clock starts: the figure is the server's, not the generator's.
    const bodies = Array.from({ length: devices }, () => Array.from({ length: batchesEach }, () => body(500)));
    const t0 = performance.now();
    await Promise.all(bodies.map(async (mine, d) => {
      for (const gz of mine) await push(servers[d % servers.length].baseUrl, gz);
    }));
    return (devices * batchesEach * 500) / ((performance.now() - t0) / 1000);
  } finally {
    await stopInstances(servers);
  }
}

export interface HundredKiosks {
  seconds: number;
  p50Ms: number;
  p95Ms: number;
  peakMiB: number;
}

/** 100 kiosks each pushing 1,000 queued ratings (one gzip batch, as the engine sends) at once, alternating between two instances. */
export async function hundredKiosks(target: BenchTarget, kiosks = 100, queued = 1_000): Promise<HundredKiosks> {
  const instances = await startInstances(target, 2);
  try {
    const bodies = Array.from({ length: kiosks }, () => body(queued));
    const t0 = performance.now();
    const latencies = await Promise.all(bodies.map((gz, i) => push(instances[i % 2].baseUrl, gz)));
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const peakMiB = Math.max(...instances.map((p) => memoryOf(p.child.pid!).peakMiB));
    return { seconds, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), peakMiB };
  } finally {
    await stopInstances(instances);
  }
}
