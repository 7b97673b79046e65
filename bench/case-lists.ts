import { performance } from 'node:perf_hooks';
import { CASE_PATHS } from '../src/domain/case-api';
import { PUSH_RATINGS_PATH } from '../src/domain/sync-constants';
import { signIn } from '../test/support/api';
import { badRating, DEMO_DEVICE } from '../test/support/ratings';
import { startInProcessServer } from '../test/support/server';

export interface CaseListFigures {
  cases: number;
  /** The first poll counts the overdue cases; later ones within 30 s reuse the count. */
  summaryColdMs: number;
  summaryMs: number;
  listMs: number;
  listKiB: number;
}

/**
 * What a lead's or supervision's tablet costs the server: the 8-second summary poll and a full list load, with
 * `total` open bad-review cases in scope (a busy hall's backlog, far above a normal one).
 */
export async function measureCaseLists(total: number): Promise<CaseListFigures> {
  const srv = await startInProcessServer({ checkResponses: false });
  for (let i = 0; i < total; i += 500) {
    const ratings = Array.from({ length: Math.min(500, total - i) }, () => badRating());
    const res = await fetch(srv.baseUrl + PUSH_RATINGS_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings }) });
    if (res.status !== 200) throw new Error(`push failed: ${res.status}`);
  }
  const cookie = await signIn(srv.baseUrl, 'D9002');
  const timed = async (path: string, runs: number) => {
    let bytes = 0;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) {
      const res = await fetch(srv.baseUrl + path, { headers: { cookie, 'accept-encoding': 'gzip' } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      bytes = Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
    }
    return { ms: (performance.now() - t0) / runs, bytes };
  };
  const cold = await timed(CASE_PATHS.summary, 1);
  const summary = await timed(CASE_PATHS.summary, 50);
  const list = await timed(CASE_PATHS.list, 5);
  await srv.close();
  return { cases: total, summaryColdMs: cold.ms, summaryMs: summary.ms, listMs: list.ms, listKiB: list.bytes / 1024 };
}
