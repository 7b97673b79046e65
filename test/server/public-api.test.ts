import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, buildPath } from '../../src/domain/endpoints';
import { PUBLIC_MAX_AGE_SECONDS } from '../../src/domain/public-api';
import { api } from '../support/api';
import { secretForms, seedPublicHall, type PublicHall } from '../support/public-fixtures';
import { setDisclosure } from '../support/public-seed';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { startInProcessServer, type InProcessServer } from '../support/server';

// /api/v1/public over real HTTP on both stores: figures by the counting rules, disclosure, comments only as
// approved (scrubbed), 工号 only with the unit's setting, ETag / 304 / max-age.

describe.each(['sqlite', 'postgres'] as const)('public API on %s', (kind) => {
  let srv: InProcessServer;
  let hall: PublicHall;
  const get = (path: string, headers: Record<string, string> = {}) => api(srv.baseUrl, 'GET', path, { headers });
  const monthPath = (unitId: string, month = hall.month) => buildPath(API.publicMonth.path, { unitId, month });
  const trendPath = (unitId: string) => `${buildPath(API.publicTrend.path, { unitId })}?month=${hall.month}`;
  const reviewsPath = (unitId: string) => `${buildPath(API.publicReviews.path, { unitId })}?month=${hall.month}`;

  beforeAll(async () => {
    const pgSchema = kind === 'postgres' ? newTestSchema('hcp_public') : undefined;
    const env = pgSchema ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: pgSchema, HCP_CONTACT_KEY: randomBytes(32).toString('base64') } : {};
    srv = await startInProcessServer({ env });
    hall = await seedPublicHall(srv.baseUrl);
  });
  afterAll(async () => {
    await srv?.close();
    await dropTestSchemas();
  });

  it('lists the disclosing units only, with their names in every language', async () => {
    const res = await get(API.publicUnits.path);
    expect(res.status).toBe(200);
    expect(res.body.month).toBe(hall.month);
    expect(res.body.units.map((u: { id: string }) => u.id).sort()).toEqual(['demo-unit', hall.unitB].sort());
    expect(res.body.units.find((u: { id: string }) => u.id === hall.unitB).name).toEqual({ 'zh-CN': '东区政务大厅', en: 'East hall', bo: '东区政务大厅' });
    expect(JSON.stringify(res.body)).not.toContain(hall.hiddenName);
  });

  it("counts the month by the figures' rules, with the outcomes and the not-adopted category", async () => {
    const res = await get(monthPath('demo-unit'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      unitId: 'demo-unit', month: hall.month, total: 8, satisfied: 3, bad: 5,
      byLevel: { VERY_SATISFIED: 1, SATISFIED: 1, BASICALLY_SATISFIED: 1, DISSATISFIED: 3, VERY_DISSATISFIED: 2 },
      outcomes: { FIX_NOW: 1, FIX_WITHIN_5: 0, SPECIAL: 0, NOT_ADOPTED: { MISTAKEN: 0, MALICIOUS: 1, AGAINST_RULES: 0 }, PENDING: 3 },
      rates: {
        satisfaction: { numerator: 3, denominator: 8, percent: 37.5 },
        // Three real-name bad reviews, one called back; nothing rectified of the four adopted.
        callBackRate: { numerator: 1, denominator: 3, percent: 33.33 },
        rectificationRate: { numerator: 0, denominator: 4, percent: 0 },
      },
    });
    const empty = await get(monthPath('demo-unit', '2001-01'));
    expect(empty.body).toMatchObject({ total: 0, rates: { satisfaction: { numerator: 0, denominator: 0, percent: null } } });
  });

  it('gives 12 months of trend ending at the month asked', async () => {
    const res = await get(trendPath(hall.unitB));
    expect(res.status).toBe(200);
    expect(res.body.months).toHaveLength(12);
    expect(res.body.months.at(-1)).toMatchObject({ month: hall.month, total: 2, satisfied: 1, bad: 1 });
    expect(res.body.months.slice(0, 11).every((m: { total: number }) => m.total === 0)).toBe(true);
  });

  it('publishes bad reviews with level, reasons and outcome; a comment only as approved and scrubbed', async () => {
    const res = await get(reviewsPath('demo-unit'));
    expect(res.status).toBe(200);
    const reviews = res.body.reviews as { comment: string | null; employeeNo: string | null; windowNumber: string; outcome: unknown; reasons: { key: string }[]; level: string }[];
    expect(reviews).toHaveLength(5);
    const withComment = reviews.filter((r) => r.comment !== null);
    expect(withComment.map((r) => r.comment)).toEqual([...hall.approved.values()].slice(0, 1));
    expect(withComment[0]).toMatchObject({ level: 'VERY_DISSATISFIED', windowNumber: '1', employeeNo: null });
    expect(withComment[0].reasons.map((r) => r.key)).toEqual(['ATTITUDE', 'OTHER']);
    expect(reviews.map((r) => r.outcome)).toEqual(
      expect.arrayContaining([{ path: 'FIX_NOW', notAdoptedReason: null }, { path: 'NOT_ADOPTED', notAdoptedReason: 'MALICIOUS' }, { path: null, notAdoptedReason: null }]),
    );
    expect(reviews.every((r) => r.employeeNo === null)).toBe(true);
    const text = JSON.stringify(res.body);
    for (const secret of secretForms()) expect(text, secret).not.toContain(secret);
  });

  it("names staff by 工号 only where the unit's setting says so", async () => {
    await setDisclosure(srv.baseUrl, 'demo-unit', true, true);
    try {
      const reviews = (await get(reviewsPath('demo-unit'))).body.reviews as { employeeNo: string | null }[];
      expect(reviews.map((r) => r.employeeNo)).toEqual(Array(5).fill('D1001'));
    } finally {
      await setDisclosure(srv.baseUrl, 'demo-unit', true, false);
    }
  });

  it('answers 404 for a unit without disclosure exactly as for an unknown unit, on every route', async () => {
    for (const path of [monthPath, trendPath, reviewsPath]) {
      const hidden = await get(path(hall.hiddenUnit));
      const unknown = await get(path('no-such-unit'));
      expect(hidden.status).toBe(404);
      expect(hidden.headers.get('access-control-allow-origin')).toBe('*');
      expect(unknown.status).toBe(404);
      expect(JSON.stringify(hidden.body).replace(hall.hiddenUnit, 'X')).toBe(JSON.stringify(unknown.body).replace('no-such-unit', 'X'));
    }
    expect((await get(monthPath('demo-unit', '2026-13'))).status).toBe(400);
    expect((await get(`${buildPath(API.publicTrend.path, { unitId: 'demo-unit' })}?month=1999-12`)).status).toBe(400);
  });

  it('sends an ETag and max-age, and 304 without a body to a client that holds the same answer', async () => {
    for (const path of [API.publicUnits.path, monthPath('demo-unit'), trendPath('demo-unit'), reviewsPath('demo-unit')]) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]{20,}"$/);
      expect(first.headers.get('cache-control')).toBe(`public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
      expect(first.headers.get('access-control-allow-origin')).toBe('*');
      const again = await get(path, { 'if-none-match': `W/${etag}, "other"` });
      expect(again.status).toBe(304);
      expect(again.body).toBeNull();
      expect(again.headers.get('etag')).toBe(etag);
      expect((await get(path, { 'if-none-match': '"stale"' })).status).toBe(200);
    }
    // A change of the answer changes its tag.
    const before = (await get(reviewsPath('demo-unit'))).headers.get('etag');
    await setDisclosure(srv.baseUrl, 'demo-unit', true, true);
    try {
      expect((await get(reviewsPath('demo-unit'))).headers.get('etag')).not.toBe(before);
    } finally {
      await setDisclosure(srv.baseUrl, 'demo-unit', true, false);
    }
  });
});
