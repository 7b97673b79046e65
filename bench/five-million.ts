import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CASE_PATHS } from '../src/domain/case-api';
import { RATINGS_PATH } from '../src/domain/ratings-api';
import { SQLITE_FILE_NAME } from '../sync-server/store/sqlite/open-sqlite';
import { signIn } from '../test/support/api';
import { memoryOf, percentile, startInstances, stopInstances, type BenchTarget } from './bench-targets';

const DAY = 86_400_000;

/**
 * Rows as a province's two years look: one in five at the demo hall (its windows and staff, so the demo accounts
 * see a real share), the rest spread over 500 windows and 2,000 staff; one in ten a bad review with its case,
 * closed a day later unless it came in the last 7 days. Ids are UUIDv7-shaped, times spread evenly.
 */
function rowExpressions(i: string, now: number, total: number, pad12: (i: string) => string) {
  const start = now - 730 * DAY;
  const step = Math.floor((730 * DAY) / total);
  const demo = `(${i} % 5 = 0)`;
  return {
    id: `'00000000-0000-7000-8000-' || ${pad12(i)}`,
    level: `CASE ${i} % 10 WHEN 0 THEN 'DISSATISFIED' WHEN 1 THEN 'BASICALLY_SATISFIED' WHEN 2 THEN 'VERY_SATISFIED' WHEN 3 THEN 'VERY_SATISFIED' ELSE 'SATISFIED' END`,
    unit: `CASE WHEN ${demo} THEN 'demo-unit' ELSE 'bench-u' || (${i} % 50) END`,
    window: `CASE WHEN ${demo} THEN 'demo-w' || (1 + ${i} % 2) ELSE 'bench-w' || (${i} % 500) END`,
    staff: `CASE WHEN ${demo} THEN 'demo-s' || (1 + (${i} / 5) % 3) ELSE 'bench-s' || (${i} % 2000) END`,
    time: `(${start} + CAST(${i} AS BIGINT) * ${step})`,
  };
}

const RATING_INSERT = (e: ReturnType<typeof rowExpressions>, from: string) => `
  INSERT INTO ratings (id, payload_hash, schema_version, level, reasons_json, channel, unit_id, window_id, staff_id,
    device_id, device_time, rated_at, clock_offset_ms, received_at, locale)
  SELECT ${e.id}, 'bench', 1, ${e.level}, CASE WHEN (${e.level}) = 'DISSATISFIED' THEN '["ATTITUDE"]' ELSE '[]' END,
    'HALL_TABLET', ${e.unit}, ${e.window}, ${e.staff}, 'dev-bench', ${e.time}, ${e.time}, 0, ${e.time}, 'zh-CN' ${from}`;

const CASE_INSERT = (now: number) => `
  INSERT INTO cases (id, staff_id, window_id, unit_id, anonymous, received_at, closed_at)
  SELECT id, staff_id, window_id, unit_id, 1, received_at, CASE WHEN received_at < ${now - 7 * DAY} THEN received_at + ${DAY} END
  FROM ratings WHERE device_id = 'dev-bench' AND level = 'DISSATISFIED'`;

async function fill(target: BenchTarget, total: number, now: number) {
  if (target.name === 'SQLite') {
    const db = new Database(path.join(target.dataDir(0), SQLITE_FILE_NAME));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    for (let from = 1; from <= total; from += 500_000) {
      const to = Math.min(total, from + 499_999);
      const e = rowExpressions('i', now, total, (i) => `substr('000000000000' || ${i}, -12)`);
      db.exec(RATING_INSERT(e, `FROM (WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to}) SELECT i FROM n)`));
    }
    db.exec(CASE_INSERT(now));
    db.exec('ANALYZE');
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: target.env.DATABASE_URL, options: `-c search_path=${target.env.DATABASE_SCHEMA}` });
  await client.connect();
  try {
    for (let from = 1; from <= total; from += 500_000) {
      const to = Math.min(total, from + 499_999);
      await client.query(RATING_INSERT(rowExpressions('i', now, total, (i) => `lpad(${i}::text, 12, '0')`), `FROM generate_series(${from}, ${to}) AS i`));
    }
    await client.query(CASE_INSERT(now));
    await client.query('VACUUM ANALYZE ratings');
    await client.query('VACUUM ANALYZE cases');
  } finally {
    await client.end();
  }
}

export interface ScaleFigures {
  fillSeconds: number;
  staffListP95Ms: number;
  supervisionListP95Ms: number;
  staffSummaryP95Ms: number;
  supervisionSummaryP95Ms: number;
  rssMiB: number;
  peakMiB: number;
}

/** A database of `total` ratings: the ratings list and the case summary as a staff member and as supervision, p95 over HTTP. */
export async function measureAtScale(target: BenchTarget, total = 5_000_000, runs = 100): Promise<ScaleFigures> {
  // Started once to migrate and seed the demo hall, then filled while stopped.
  await stopInstances(await startInstances(target, 1));
  const now = Date.now();
  const t0 = performance.now();
  await fill(target, total, now);
  const fillSeconds = (performance.now() - t0) / 1000;
  const [server] = await startInstances(target, 1);
  try {
    const p95 = async (who: string, urlPath: string) => {
      const cookie = await signIn(server.baseUrl, who);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        const res = await fetch(server.baseUrl + urlPath, { headers: { cookie, 'accept-encoding': 'gzip' } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${urlPath}: ${res.status}`);
        times.push(performance.now() - s);
      }
      return percentile(times.sort((a, b) => a - b), 95);
    };
    const figures = {
      fillSeconds,
      staffListP95Ms: await p95('D1001', `${RATINGS_PATH}?limit=50`),
      supervisionListP95Ms: await p95('D9002', `${RATINGS_PATH}?limit=50`),
      staffSummaryP95Ms: await p95('D1001', CASE_PATHS.summary),
      supervisionSummaryP95Ms: await p95('D9002', CASE_PATHS.summary),
    };
    return { ...figures, ...memoryOf(server.child.pid!) };
  } finally {
    await stopInstances([server]);
  }
}
