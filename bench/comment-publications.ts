import { performance } from 'node:perf_hooks';
import { API } from '../src/domain/endpoints';
import { uuidv7 } from '../src/domain/ids';
import type { RatingRecord } from '../src/domain/rating';
import { payloadHash } from '../sync-server/canonical';
import { DEMO_ACCOUNTS, signIn } from '../test/support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../test/support/postgres';
import { startInProcessServer } from '../test/support/server';

export interface PublicationListFigures {
  store: 'SQLite' | 'PostgreSQL';
  ratings: number;
  waiting: number;
  office: { coldMs: number; p50Ms: number };
  lead: { coldMs: number; p50Ms: number };
}

const START = Date.parse('2026-01-01T09:00:00+08:00');

/**
 * `total` ratings of the demo hall's two windows over a year: 3 % bad, one in five of those with a comment the
 * evaluator allows to publish, so a few hundred wait. The list has no index of its own (migration 023 adds none):
 * this shows what the scan of the ratings costs the office (every unit) and a lead (their window).
 */
function hallYear(total: number): RatingRecord[] {
  const out: RatingRecord[] = [];
  for (let i = 0; i < total; i++) {
    const at = START + Math.floor((i * 365 * 86_400_000) / total);
    const bad = i % 33 === 0;
    const window = i % 2 === 0 ? { windowId: 'demo-w1', staffId: 'demo-s1' } : { windowId: 'demo-w2', staffId: 'demo-s3' };
    out.push({
      id: uuidv7(at), v: 1, level: bad ? 'DISSATISFIED' : 'SATISFIED', reasons: bad ? ['ATTITUDE'] : [], channel: 'HALL_TABLET', unitId: 'demo-unit',
      ...window, deviceId: 'dev-bench-0001', deviceTime: at, locale: 'zh-CN',
      ...(bad ? { comment: `第 ${i} 条：等了很久，电话 13800001111`, ...(i % 5 === 0 ? { publishComment: true } : {}) } : {}),
    });
  }
  return out;
}

/** GET the waiting and decided comments through HTTP as the office and as window 1's lead (cold, then 5 more). */
export async function measurePublicationList(store: 'SQLite' | 'PostgreSQL', total = 200_000): Promise<PublicationListFigures> {
  const env = store === 'PostgreSQL' ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_bench_pub') } : undefined;
  const srv = await startInProcessServer({ checkResponses: false, env });
  try {
    const records = hallYear(total);
    for (let i = 0; i < records.length; i += 2_000) {
      const items = records.slice(i, i + 2_000).map((record) => ({ record, hash: payloadHash(record), opensCase: null }));
      await srv.store.insertRatings({ deviceId: 'dev-bench-0001', receivedAt: Date.now(), clockOffsetMs: 0, items });
    }
    const timed = async (cookie: string) => {
      const once = async () => {
        const t0 = performance.now();
        const res = await fetch(`${srv.baseUrl}${API.commentPublications.path}`, { headers: { cookie, 'accept-encoding': 'gzip' } });
        const body = (await res.json()) as { waiting: unknown[] };
        if (res.status !== 200) throw new Error(`publication list: ${res.status} ${JSON.stringify(body)}`);
        return { ms: performance.now() - t0, waiting: body.waiting.length };
      };
      const cold = await once();
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push((await once()).ms);
      warm.sort((a, b) => a - b);
      return { coldMs: cold.ms, p50Ms: warm[2], waiting: cold.waiting };
    };
    const office = await timed(await signIn(srv.baseUrl, DEMO_ACCOUNTS.OFFICE));
    const lead = await timed(await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD));
    return { store, ratings: records.length, waiting: office.waiting, office, lead };
  } finally {
    await srv.close();
    if (env) await dropTestSchemas();
  }
}

// `npx tsx bench/comment-publications.ts [rows]`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 200_000);
  for (const s of ['SQLite', 'PostgreSQL'] as const) console.log(JSON.stringify(await measurePublicationList(s, rows)));
}
