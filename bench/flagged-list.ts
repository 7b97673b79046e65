import { performance } from 'node:perf_hooks';
import { API } from '../src/domain/endpoints';
import { uuidv7 } from '../src/domain/ids';
import type { RatingRecord } from '../src/domain/rating';
import { payloadHash } from '../sync-server/canonical';
import { signIn } from '../test/support/api';
import { startInProcessServer } from '../test/support/server';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../test/support/postgres';

export interface FlaggedListFigures {
  store: 'SQLite' | 'PostgreSQL';
  ratings: number;
  flagged: number;
  coldMs: number;
  p50Ms: number;
  maxMs: number;
}

const MONTH_START = Date.parse('2026-10-01T00:00:00+08:00');
const MONTH_END = Date.parse('2026-11-01T00:00:00+08:00');

/** A seeded pseudo-random sequence: the same province every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A busy province's month: `total` kiosk ratings over 300 windows (two tablets each) in October's opening hours,
 * about 40 % invited (1 in 100 of those tapped within a second), plus 100 planted bursts of 8 uninvited taps.
 */
function provinceMonth(total: number): RatingRecord[] {
  const rnd = prng(14);
  const out: RatingRecord[] = [];
  const rating = (window: number, device: number, at: number, invitedAt?: number): RatingRecord => ({
    id: uuidv7(at), v: 1, level: rnd() < 0.03 ? 'BASICALLY_SATISFIED' : 'SATISFIED', reasons: [], channel: 'HALL_TABLET', unitId: 'demo-unit',
    windowId: `w${window}`, deviceId: `dev-${window}-${device}`, deviceTime: at, locale: 'zh-CN',
    ...(invitedAt === undefined ? {} : { invitedAt, caseNumber: `BJ-${at}-${window}` }),
  });
  for (let b = 0; b < 100; b++) {
    const start = MONTH_START + Math.floor(rnd() * 30) * 86_400_000 + 9 * 3_600_000;
    for (let k = 0; k < 8; k++) out.push(rating(b, 0, start + k * 45_000));
  }
  while (out.length < total) {
    const day = Math.floor(rnd() * 31);
    const at = MONTH_START + day * 86_400_000 + 9 * 3_600_000 + Math.floor(rnd() * 8 * 3_600_000);
    const invited = rnd() < 0.4;
    out.push(rating(Math.floor(rnd() * 300), Math.floor(rnd() * 2), at, invited ? at - (rnd() < 0.01 ? 600 : 3_000 + Math.floor(rnd() * 60_000)) : undefined));
  }
  return out;
}

/** Supervision's flagged list over the whole month, through HTTP, on one store (cold, then 5 more). */
export async function measureFlaggedList(store: 'SQLite' | 'PostgreSQL', total = 200_000): Promise<FlaggedListFigures> {
  const env = store === 'PostgreSQL' ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_bench_flags') } : undefined;
  const srv = await startInProcessServer({ checkResponses: false, env });
  try {
    const records = provinceMonth(total);
    for (let i = 0; i < records.length; i += 2_000) {
      const items = records.slice(i, i + 2_000).map((record) => ({ record, hash: payloadHash(record), opensCase: null }));
      await srv.store.insertRatings({ deviceId: 'bench', receivedAt: MONTH_END, clockOffsetMs: 0, items });
    }
    const cookie = await signIn(srv.baseUrl, 'D9002');
    const once = async () => {
      const t0 = performance.now();
      const res = await fetch(`${srv.baseUrl}${API.flaggedRatings.path}?from=${MONTH_START}&to=${MONTH_END}&limit=100`, { headers: { cookie, 'accept-encoding': 'gzip' } });
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`flagged list: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, flagged: body.total };
    };
    const cold = await once();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push((await once()).ms);
    warm.sort((a, b) => a - b);
    return { store, ratings: records.length, flagged: cold.flagged, coldMs: cold.ms, p50Ms: warm[2], maxMs: warm[4] };
  } finally {
    await srv.close();
    if (env) await dropTestSchemas();
  }
}

// `npx tsx bench/flagged-list.ts [rows]`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 200_000);
  for (const s of ['SQLite', 'PostgreSQL'] as const) console.log(JSON.stringify(await measureFlaggedList(s, rows)));
}
