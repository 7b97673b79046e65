import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { DEFAULT_RANKING_SETTINGS } from '../../src/domain/figures/ranking-settings';
import type { RankingsResponse } from '../../src/domain/figures/rankings-api';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { seedRankingYear } from '../support/rankings-seed';
import { startInProcessServer, type InProcessServer } from '../support/server';

// Rankings and flags (issue 15) through real HTTP on SQLite and PostgreSQL: a year of ratings and cases made through
// the real routes (one 不予采纳, approved, that must count nowhere); personnel and supervision read, others are
// refused; the administrator's settings are checked, audited and applied.

afterAll(async () => {
  await dropTestSchemas();
});

for (const storeKind of ['sqlite', 'postgres'] as const) {
  describe(`rankings (${storeKind})`, () => {
    let srv: InProcessServer;
    let seeded: Awaited<ReturnType<typeof seedRankingYear>>;
    const cookies: Record<string, string> = {};
    const rankings = async (query: string, who: string = DEMO_ACCOUNTS.PERSONNEL) => api(srv.baseUrl, 'GET', `${API.rankings.path}?${query}`, { cookie: cookies[who] });

    beforeAll(async () => {
      const schema = storeKind === 'postgres' ? newTestSchema('hcp_rank') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      seeded = await seedRankingYear(srv.baseUrl);
      for (const who of Object.values(DEMO_ACCOUNTS)) cookies[who] = await signIn(srv.baseUrl, who);
    });
    afterAll(async () => {
      await srv.close();
    });

    it('flags the staff member with two adopted bad reviews, with the ratings behind it, and never the 不予采纳 one', async () => {
      const res = await rankings('year=2025&quarter=4');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const body: RankingsResponse = res.body;
      expect([body.year, body.quarter, body.settings]).toEqual([2025, 4, DEFAULT_RANKING_SETTINGS]);
      const award = body.flags.filter((f) => f.kind === 'STAFF_AWARD_LOST');
      expect(award).toEqual([{ kind: 'STAFF_AWARD_LOST', staffId: 'demo-s1', adoptedBad: 2, ratingIds: [seeded.s1First.id, seeded.s1Second.id] }]);
      expect(body.refs.staff.find((s) => s.id === 'demo-s1')).toEqual({ id: 'demo-s1', name: '李明（演示）', employeeNo: 'D1001' });
      const first = body.ratings.find((r) => r.id === seeded.s1First.id)!;
      expect(first).toMatchObject({ windowId: 'demo-w1', level: 'DISSATISFIED', path: 'FIX_NOW', hasCase: true });
      expect(body.ratings.find((r) => r.id === seeded.s1Second.id)).toMatchObject({ level: 'VERY_DISSATISFIED', path: null, hasCase: true });
      // The approved 不予采纳 is in no flag and no evidence.
      expect(body.flags.flatMap((f) => f.ratingIds)).not.toContain(seeded.s4NotAdopted.id);
      expect(body.ratings.map((r) => r.id)).not.toContain(seeded.s4NotAdopted.id);
    });

    it('ranks with raw and adopted rates side by side and flags shares over 5% in the year and the quarter', async () => {
      const body: RankingsResponse = (await rankings('year=2025&quarter=4')).body;
      const w1 = body.yearRanking.windows.find((e) => e.windowId === 'demo-w1')!;
      const w2 = body.yearRanking.windows.find((e) => e.windowId === 'demo-w2')!;
      // Window 1: 4 bad of 7 raw; 3 adopted of 6 (the 不予采纳 leaves the denominator).
      expect([w1.rank, w1.total, w1.bad, w1.notAdopted, w1.badAdopted]).toEqual([2, 7, 4, 1, 3]);
      expect(w1.badRate).toEqual({ numerator: 4, denominator: 7, percent: 57.14 });
      expect(w1.badAdoptedRate).toEqual({ numerator: 3, denominator: 6, percent: 50 });
      expect([w2.rank, w2.total, w2.satisfaction.percent]).toEqual([1, 6, 100]);
      // Two windows with the bottom 3 places: nobody is "bottom" (fewer ranked than places).
      expect(body.yearRanking.windows.some((e) => e.bottom)).toBe(false);
      const over = body.flags.filter((f) => f.kind === 'OVER_SHARE');
      expect(over.map((f) => f.kind === 'OVER_SHARE' && [f.scope, f.windowId, f.over])).toEqual([
        ['unit', null, ['year', 'quarter']],
        ['window', 'demo-w1', ['year', 'quarter']],
      ]);
      expect(new Set(over[1]!.ratingIds)).toEqual(new Set([seeded.s1First.id, seeded.s4Adopted.id, seeded.s1Second.id]));
      // The quarter: Q4 has 李明's second (adopted) and the 不予采纳: 1 of 3 counted after the not-adopted leaves.
      const q4 = body.quarterRanking.windows.find((e) => e.windowId === 'demo-w1')!;
      expect([q4.total, q4.bad, q4.badAdopted, q4.badAdoptedRate.denominator]).toEqual([3, 2, 1, 2]);
      expect(body.run.map((p) => p.key)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4']);
      expect(body.flags.some((f) => f.kind === 'BOTTOM_RUN')).toBe(false);
    });

    it('applies the administrator’s settings (checked, audited): the bottom place three quarters running', async () => {
      const admin = cookies[DEMO_ACCOUNTS.ADMIN]!;
      expect((await api(srv.baseUrl, 'GET', API.rankingSettings.path, { cookie: admin })).body).toEqual(DEFAULT_RANKING_SETTINGS);
      for (const bad of [{ bottomPlaces: 0, period: 'quarter', runLength: 3 }, { bottomPlaces: 1, period: 'week', runLength: 3 }, { bottomPlaces: 1, period: 'quarter', runLength: 1 }, { bottomPlaces: 1 }, null]) {
        const res = await api(srv.baseUrl, 'PUT', API.putRankingSettings.path, { cookie: admin, body: bad });
        expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const stricter = { bottomPlaces: 1, period: 'quarter', runLength: 3 } as const;
      for (const who of [DEMO_ACCOUNTS.PERSONNEL, DEMO_ACCOUNTS.SUPERVISION, DEMO_ACCOUNTS.OFFICE]) {
        expect((await api(srv.baseUrl, 'PUT', API.putRankingSettings.path, { cookie: cookies[who], body: stricter })).status).toBe(403);
      }
      expect((await api(srv.baseUrl, 'PUT', API.putRankingSettings.path, { cookie: admin, body: stricter })).status).toBe(200);
      const audit = await api(srv.baseUrl, 'GET', `${API.audit.path}?limit=5`, { cookie: admin });
      expect(audit.body.entries.find((e: { action: string }) => e.action === 'rankings.settings').detail).toEqual({ before: DEFAULT_RANKING_SETTINGS, after: stricter });

      const body: RankingsResponse = (await rankings('year=2025&quarter=4', DEMO_ACCOUNTS.SUPERVISION)).body;
      expect(body.settings).toEqual(stricter);
      const runs = body.flags.filter((f) => f.kind === 'BOTTOM_RUN');
      expect(runs.map((f) => f.kind === 'BOTTOM_RUN' && [f.scope, f.windowId, f.periods.map((p) => `${p.key}:${p.rank}/${p.of}`)])).toEqual([
        ['window', 'demo-w1', ['2025-Q2:2/2', '2025-Q3:2/2', '2025-Q4:2/2']],
      ]);
      expect(new Set(runs[0]!.ratingIds)).toEqual(new Set([seeded.s1First.id, seeded.s4Adopted.id, seeded.s1Second.id]));
      // Month periods: window 1 has no rating in 2025-12, so no run ends there.
      await api(srv.baseUrl, 'PUT', API.putRankingSettings.path, { cookie: admin, body: { ...stricter, period: 'month' } });
      const monthly: RankingsResponse = (await rankings('year=2025&quarter=4')).body;
      expect(monthly.run.map((p) => p.key)).toEqual(['2025-10', '2025-11', '2025-12']);
      expect(monthly.flags.some((f) => f.kind === 'BOTTOM_RUN')).toBe(false);
      await api(srv.baseUrl, 'PUT', API.putRankingSettings.path, { cookie: admin, body: DEFAULT_RANKING_SETTINGS });
    });

    it('answers personnel and supervision only; a bad query is a coded 400', async () => {
      expect((await api(srv.baseUrl, 'GET', `${API.rankings.path}?year=2025`)).status).toBe(401);
      for (const who of [DEMO_ACCOUNTS.OFFICE, DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.LEAD, DEMO_ACCOUNTS.ADMIN]) {
        const res = await rankings('year=2025&quarter=4', who);
        expect([who, res.status, res.body.error.code]).toEqual([who, 403, 'FORBIDDEN']);
      }
      for (const q of ['year=abc', 'year=2025&quarter=5', 'quarter=1', 'year=1999']) {
        const res = await rankings(q);
        expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
      }
      // Without a quarter: a past year's fourth.
      expect((await rankings('year=2025')).body.quarter).toBe(4);
      // An empty year: nothing ranked, nothing flagged.
      const empty: RankingsResponse = (await rankings('year=2024&quarter=2')).body;
      expect([empty.yearRanking.windows, empty.flags, empty.ratings]).toEqual([[], [], []]);
    });
  });
}
