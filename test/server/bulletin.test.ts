import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import type { Attachment2 } from '../../src/domain/figures/attachment2';
import type { Bulletin } from '../../src/domain/figures/bulletin-api';
import { quarterMonths } from '../../src/domain/figures/quarter';
import type { RatingRecord } from '../../src/domain/rating';
import { payloadHash } from '../../sync-server/canonical';
import { buildAttachment2 } from '../../sync-server/figures/attachment2-report';
import { caseOnArrival } from '../../sync-server/store/rules/case-opening';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { finishedCase } from '../support/default-ratings';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

// The quarterly bulletin (issue 15) through real HTTP on SQLite and PostgreSQL: its figures agree with the
// Attachment 2 tables of the same months (buildAttachment2), a 办件's overtaken assessment and an INVALID rating leave
// their reasons out, the service items come from the 办件, a lead sees their window only, and the refusals.

const cst = (iso: string) => Date.parse(`${iso}+08:00`);
const SETTINGS = { followUpWindowDays: 30 };

function seed() {
  const r = (at: string, patch: Partial<RatingRecord> = {}) => demoRating(patch, cst(at));
  const bad = (at: string, reasons: string[], patch: Partial<RatingRecord> = {}) => r(at, { level: 'DISSATISFIED', reasons, ...patch });
  const w2 = { windowId: 'demo-w2', staffId: 'demo-s3' };
  const b = { unitId: 'unit-b', windowId: 'b-w1', staffId: undefined };
  const invalid = bad('2026-09-20T10:00:00', ['DISCIPLINE'], w2);
  const overtaken = bad('2026-07-20T10:00:00', ['PROFICIENCY'], { caseNumber: 'BQ-2' });
  const q3 = [
    ...Array.from({ length: 6 }, (_, i) => r(`2026-07-0${i + 1}T10:00:00`)),
    bad('2026-08-03T10:00:00', ['ATTITUDE', 'EFFICIENCY'], { caseNumber: 'BQ-1' }),
    bad('2026-08-04T10:00:00', ['ATTITUDE'], { level: 'VERY_DISSATISFIED' }),
    overtaken,
    r('2026-08-05T10:00:00', { caseNumber: 'BQ-2', level: 'VERY_SATISFIED' }), // the 追评: counts, the bad one before it does not
    ...Array.from({ length: 3 }, (_, i) => r(`2026-09-0${i + 1}T10:00:00`, w2)),
    bad('2026-09-10T10:00:00', ['OVERDUE'], { ...w2, caseNumber: 'BQ-3' }),
    invalid,
    ...Array.from({ length: 4 }, (_, i) => r(`2026-07-1${i}T10:00:00`, b)),
  ];
  const q2 = [...Array.from({ length: 5 }, (_, i) => r(`2026-05-0${i + 1}T10:00:00`)), bad('2026-05-20T10:00:00', ['ATTITUDE'])];
  return { records: [...q3, ...q2], invalidId: invalid.id };
}

for (const storeKind of ['sqlite', 'postgres'] as const) {
  describe(`quarterly bulletin (${storeKind})`, () => {
    let srv: InProcessServer;
    const cookies: Record<string, string> = {};
    const get = (cookie: string | undefined, query: string) => api(srv.baseUrl, 'GET', `${API.bulletin.path}?${query}`, cookie ? { cookie } : {});
    const months = (unitId: string | null): Promise<Attachment2[]> =>
      Promise.all(quarterMonths('2026-Q3').map((m) => buildAttachment2(srv.store, m, unitId, Date.now(), SETTINGS)));

    beforeAll(async () => {
      const schema = storeKind === 'postgres' ? newTestSchema('hcp_bulletin') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      const { store } = srv;
      await store.insertUnit({ id: 'unit-b', name: { 'zh-CN': '乙单位', en: 'Unit B', bo: 'ལས་ཁུངས་ཁ།' }, active: true });
      await store.insertWindow({ id: 'b-w1', unitId: 'unit-b', number: 'B1', name: { 'zh-CN': '乙一号窗口', en: 'B window 1', bo: 'སྒེའུ་ཁུང་ཁ་༡' }, sortOrder: 10, active: true });
      await store.upsertServiceCases(
        [
          finishedCase('BQ-1', cst('2026-08-01T10:00:00')),
          finishedCase('BQ-2', cst('2026-07-19T10:00:00'), { serviceItemId: 'demo-item-2' }),
          finishedCase('BQ-3', cst('2026-09-09T10:00:00'), { windowId: 'demo-w2', staffId: 'demo-s3' }),
        ],
        Date.now(),
      );
      const { records, invalidId } = seed();
      const items = records.map((record) => ({ record, hash: payloadHash(record), opensCase: caseOnArrival(record) }));
      await store.insertRatings({ deviceId: 'dev-test-0001', receivedAt: Date.now(), clockOffsetMs: 0, items });
      await store.putRatingReview({ ratingId: invalidId, verdict: 'INVALID', note: 'coerced', by: 'demo-supervision', at: Date.now() });
      for (const [name, no] of Object.entries(DEMO_ACCOUNTS)) cookies[name] = await signIn(srv.baseUrl, no);
    });
    afterAll(async () => {
      await srv.close();
      await dropTestSchemas();
    });

    it('agrees with the Attachment 2 rows of the same months, for the whole scope', async () => {
      const res = await get(cookies.OFFICE, 'quarter=2026-Q3');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const b = res.body as Bulletin;
      const tables = await months(null);
      const all = tables.map((t) => t.rows.find((r) => r.scope === 'all')!);
      expect(b.current.months.map((m) => [m.month, m.total, m.satisfied, m.bad, m.invalid, m.satisfaction.percent])).toEqual(
        tables.map((t, i) => [t.month, all[i]!.total, all[i]!.satisfied, all[i]!.bad, all[i]!.invalid, all[i]!.rates.satisfaction.percent]),
      );
      expect(b.current.totals).toMatchObject({ total: 17, bad: 3, invalid: 1 });
      // Every window's quarter = the sum of its month rows.
      const windowSum = (id: string, key: 'total' | 'bad') => tables.flatMap((t) => t.rows).filter((r) => r.scope === 'window' && r.windowId === id).reduce((s, r) => s + r[key], 0);
      for (const w of b.current.windowRanking!) expect(w.total, w.id).toBe(windowSum(w.id, 'total'));
      for (const w of b.current.windows) expect(w.bad, w.id!).toBe(windowSum(w.id!, 'bad'));
      // The counted bad reviews' reasons only: not the 办件's overtaken assessment (PROFICIENCY), not the INVALID one (DISCIPLINE).
      expect(b.current.reasons.map((r) => [r.key, r.count, r.cumulative.percent])).toEqual([
        ['ATTITUDE', 2, 50],
        ['EFFICIENCY', 1, 75],
        ['OVERDUE', 1, 100],
      ]);
      expect(b.current.serviceItems.map((s) => [s.id, s.bad, s.total])).toEqual([
        ['demo-item-1', 2, 2],
        [null, 1, 14],
      ]);
      expect(b.current.serviceItems.reduce((s, i) => s + i.bad, 0)).toBe(b.current.totals.bad);
      expect(b.current.unitRanking!.map((u) => [u.id, u.rank, u.total])).toEqual([
        ['unit-b', 1, 4],
        ['demo-unit', 2, 13],
      ]);
      expect(b.previous.totals).toMatchObject({ total: 6, bad: 1 });
      expect(b.current.reasons[0]!.previous).toBe(1);
      expect(b.summary).toMatchObject({ total: 17, bad: 3, previousTotal: 6, topReason: { key: 'ATTITUDE', count: 2 }, topServiceItem: { id: 'demo-item-1', bad: 2 } });
      expect(b.refs.units.map((u) => u.id).sort()).toEqual(['demo-unit', 'unit-b']); // every unit, for the picker
      expect(b.refs.serviceItems.map((s) => s.id)).toEqual(['demo-item-1']);
      expect(JSON.stringify(b)).not.toContain('13812345678');
    });

    it("gives one unit's bulletin equal to its unit rows", async () => {
      const res = await get(cookies.SUPERVISION, 'quarter=2026-Q3&unitId=demo-unit');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const b = res.body as Bulletin;
      const unitRows = (await months('demo-unit')).map((t) => t.rows.find((r) => r.scope === 'unit' && r.unitId === 'demo-unit')!);
      expect(b.scope).toEqual({ kind: 'unit', unitId: 'demo-unit', windowId: null });
      expect(b.current.months.map((m) => [m.total, m.bad])).toEqual(unitRows.map((r) => [r.total, r.bad]));
      expect(b.current.unitRanking).toBeNull();
      expect(b.current.windowRanking!.map((w) => w.id).sort()).toEqual(['demo-w1', 'demo-w2']);
    });

    it("gives a lead their own window only, without rankings, and no other unit's", async () => {
      const res = await get(cookies.LEAD, 'quarter=2026-Q3');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const b = res.body as Bulletin;
      expect(b.scope).toEqual({ kind: 'window', unitId: 'demo-unit', windowId: 'demo-w1' });
      const rows = (await months('demo-unit')).map((t) => t.rows.find((r) => r.scope === 'window' && r.windowId === 'demo-w1'));
      expect(b.current.months.map((m) => [m.total, m.bad])).toEqual(rows.map((r) => [r?.total ?? 0, r?.bad ?? 0]));
      expect(b.current.totals).toMatchObject({ total: 9, bad: 2 });
      expect(b.current.windowRanking).toBeNull();
      expect(b.current.unitRanking).toBeNull();
      expect(b.current.reasons.map((r) => r.key)).toEqual(['ATTITUDE', 'EFFICIENCY']);
      expect(b.refs.windows.map((w) => w.id)).toEqual(['demo-w1']);
      expect((await get(cookies.LEAD, 'quarter=2026-Q3&unitId=unit-b')).status).toBe(404);
      expect((await get(cookies.LEAD, 'quarter=2026-Q3&unitId=demo-unit')).status).toBe(200);
    });

    it('refuses without a scope (403), without a session (401), a bad quarter (400) and an unknown unit (404)', async () => {
      for (const who of ['STAFF', 'ADMIN'] as const) {
        const res = await get(cookies[who], 'quarter=2026-Q3');
        expect(res.status, who).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect((await get(undefined, 'quarter=2026-Q3')).status).toBe(401);
      for (const q of ['quarter=2026-Q5', 'quarter=2026-3', '']) {
        const res = await get(cookies.OFFICE, q);
        expect(res.status, q).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      const unknown = await get(cookies.PERSONNEL, 'quarter=2026-Q3&unitId=no-such-unit');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
    });

    it('answers an empty quarter with zeros and null rates', async () => {
      const res = await get(cookies.OFFICE, 'quarter=2025-Q1');
      expect(res.status).toBe(200);
      const b = res.body as Bulletin;
      expect(b.current.totals).toMatchObject({ total: 0, satisfaction: { percent: null } });
      expect(b.summary.satisfactionChange).toBeNull();
    });
  });
}
