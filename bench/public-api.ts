import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { API, buildPath } from '../src/domain/endpoints';
import { payloadHash } from '../sync-server/canonical';
import { caseOnArrival } from '../sync-server/store/rules/case-opening';
import { SQLITE_FILE_NAME } from '../sync-server/store/sqlite/open-sqlite';
import { openDemoStore, startInProcessServer, tempDir } from '../test/support/server';
import { provinceYear } from './attachment2';

export interface RouteFigures {
  name: string;
  coldMs: number;
  p50Ms: number;
  notModifiedMs: number;
  bytes: number;
}

export interface PublicApiFigures {
  ratings: number;
  unitMonthRatings: number;
  /** Per route, computed on every request (memo off): the first answer, the median of 9 more, a 304 revalidation. */
  uncached: RouteFigures[];
  /** The same as served (a unit's counted month reused for 60 s): the first answers fill the memo. */
  cached: RouteFigures[];
}

const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');

/**
 * /api/v1/public over HTTP on a province's year in SQLite (bench/attachment2.ts's data: 20 units, ~1/20 of the
 * ratings each): one unit's month, its 12-month trend and its published reviews, computed on every request and as
 * served (a counted month reused for 60 s).
 */
export async function measurePublicApi(total = 1_000_000): Promise<PublicApiFigures> {
  const dir = tempDir('bench-public');
  const store = await openDemoStore(dir);
  const records = provinceYear(total);
  for (let i = 0; i < records.length; i += 2_000) {
    const items = records.slice(i, i + 2_000).map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
    await store.insertRatings({ deviceId: 'bench', receivedAt: YEAR_START + 366 * 86_400_000, clockOffsetMs: 0, items });
  }
  await store.insertUnit({ id: 'u3', name: { 'zh-CN': '三号单位', en: 'Unit 3', bo: 'Unit 3' }, active: true });
  await store.close();
  // The disclosure switch is the administrator's (another change of issue 16): set here directly.
  const db = new Database(path.join(dir, SQLITE_FILE_NAME));
  db.prepare('UPDATE units SET disclosure = 1 WHERE id = ?').run('u3');
  db.close();
  try {
    const uncached = await measureRoutes(dir, 0);
    const cached = await measureRoutes(dir, undefined);
    return { ratings: records.length, unitMonthRatings: uncached.unitMonthRatings, uncached: uncached.routes, cached: cached.routes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measureRoutes(dir: string, figuresCacheSeconds: number | undefined) {
  const srv = await startInProcessServer({ dataDir: dir, checkResponses: false, app: { publicApi: { figuresCacheSeconds } } });
  try {
    const paths = {
      month: buildPath(API.publicMonth.path, { unitId: 'u3', month: '2026-10' }),
      trend: `${buildPath(API.publicTrend.path, { unitId: 'u3' })}?month=2026-10`,
      reviews: `${buildPath(API.publicReviews.path, { unitId: 'u3' })}?month=2026-10`,
      units: API.publicUnits.path,
    };
    const routes: RouteFigures[] = [];
    let unitMonthRatings = 0;
    for (const [name, p] of Object.entries(paths)) {
      const once = async (headers: Record<string, string> = {}) => {
        const t0 = performance.now();
        const res = await fetch(srv.baseUrl + p, { headers });
        const text = await res.text();
        return { ms: performance.now() - t0, text, etag: res.headers.get('etag') ?? '' };
      };
      const cold = await once();
      if (name === 'month') unitMonthRatings = JSON.parse(cold.text).total;
      const warm: number[] = [];
      for (let i = 0; i < 9; i++) warm.push((await once()).ms);
      warm.sort((a, b) => a - b);
      const revalidated = await once({ 'if-none-match': cold.etag });
      routes.push({ name, coldMs: cold.ms, p50Ms: warm[4]!, notModifiedMs: revalidated.ms, bytes: Buffer.byteLength(cold.text) });
    }
    return { unitMonthRatings, routes };
  } finally {
    await srv.close();
  }
}

// `npx tsx bench/public-api.ts [rows]`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measurePublicApi(Number(process.argv[2] ?? 1_000_000)), null, 1));
}
