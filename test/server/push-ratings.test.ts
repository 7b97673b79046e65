import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, startInProcessServer, type InProcessServer } from '../support/server';

let srv: InProcessServer;
const push = (ratings: unknown[], extra: Record<string, unknown> = {}, init?: { gzip?: boolean; headers?: Record<string, string> }) =>
  postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings, ...extra }, init);

beforeEach(async () => {
  srv = await startInProcessServer();
});
afterEach(async () => {
  await srv.close();
});

describe('POST /api/v1/sync/ratings', () => {
  it('accepts new ratings and answers each id in order', async () => {
    const a = demoRating();
    const b = badRating();
    const res = await push([a, b]);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { index: 0, id: a.id, status: 'accepted' },
      { index: 1, id: b.id, status: 'accepted' },
    ]);
    expect(typeof res.body.serverTime).toBe('number');
    const stored = await srv.store.listRatings(0, 10);
    expect(stored.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(stored[1]).toMatchObject({ level: 'DISSATISFIED', reasons: ['ATTITUDE'], contact: { name: '张*', phone: '138****5678' } });
    expect(await srv.store.revealContact(b.id)).toEqual({ name: '张三', phone: '13812345678' });
  });

  it('treats an identical replay as a success without storing it twice', async () => {
    const r = badRating();
    await push([r]);
    const again = await push([r]);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual([{ index: 0, id: r.id, status: 'duplicate' }]);
    expect(await srv.store.countRatings()).toBe(1);
  });

  it('keeps the first version when the same id arrives with other content, and records the conflict', async () => {
    const r = demoRating();
    await push([r]);
    const changed = { ...r, level: 'VERY_SATISFIED' as const };
    const res = await push([changed]);
    expect(res.body.results[0]).toMatchObject({ id: r.id, status: 'conflict', error: { code: 'ID_CONFLICT' } });
    const [stored] = await srv.store.listRatings(0, 10);
    expect(stored.level).toBe('SATISFIED');
    const conflicts = await srv.store.listConflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ ratingId: r.id, payload: { level: 'VERY_SATISFIED' } });
  });

  it('answers invalid items one by one and still stores the valid ones', async () => {
    const good = demoRating();
    const noReason = demoRating({ level: 'VERY_DISSATISFIED' });
    const unknownWindow = demoRating({ windowId: 'nowhere' });
    const unknownReason = badRating({ reasons: ['NOT_A_REASON'] });
    const badPhone = badRating({ contact: { phone: '12345' } });
    const otherWithoutText = badRating({ reasons: ['OTHER'] });
    const notAnObject = 42;
    const res = await push([good, noReason, unknownWindow, unknownReason, badPhone, otherWithoutText, notAnObject]);
    expect(res.status).toBe(200);
    const statuses = res.body.results.map((r: any) => [r.status, r.error?.code]);
    expect(statuses).toEqual([
      ['accepted', undefined],
      ['invalid', 'VALIDATION_FAILED'],
      ['invalid', 'UNKNOWN_WINDOW'],
      ['invalid', 'UNKNOWN_REASON'],
      ['invalid', 'VALIDATION_FAILED'],
      ['invalid', 'VALIDATION_FAILED'],
      ['invalid', 'VALIDATION_FAILED'],
    ]);
    expect(res.body.results[1].error.message).toMatch(/reasons/);
    expect(res.body.results[4].error.message).toMatch(/contact\.phone/);
    expect(res.body.results[6].id).toBeNull();
    expect((await srv.store.listRatings(0, 10)).map((r) => r.id)).toEqual([good.id]);
  });

  it('credits a rating only to active window staff on its window roster, refusing the others item by item', async () => {
    await srv.store.insertAccount({
      id: 'gone-s9', name: '离职', employeeNo: 'D1009', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], active: false,
      photoUpdatedAt: null, passwordHash: null, pinHash: null, mustChangePassword: false, failedSignIns: 0, lockedUntil: null,
    });
    const good = badRating();
    const otherWindowsClerk = badRating({ staffId: 'demo-s3' });
    const administrator = badRating({ staffId: 'demo-admin' });
    const disabled = badRating({ staffId: 'gone-s9' });
    const secondGood = demoRating({ windowId: 'demo-w2', staffId: 'demo-s3' });
    const res = await push([good, otherWindowsClerk, administrator, disabled, secondGood]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.status, r.error?.code])).toEqual([
      ['accepted', undefined],
      ['invalid', 'STAFF_NOT_ON_WINDOW'],
      ['invalid', 'NOT_WINDOW_STAFF'],
      ['invalid', 'STAFF_INACTIVE'],
      ['accepted', undefined],
    ]);
    expect((await srv.store.listRatings(0, 10)).map((r) => r.id)).toEqual([good.id, secondGood.id]);
    // No case was opened for the wrong people.
    expect((await srv.store.listCases({ kind: 'all' })).map((c) => c.facts.staffId)).toEqual(['demo-s1']);
  });

  it('refuses a rating claiming another device', async () => {
    const res = await push([demoRating({ deviceId: 'dev-someone-else' })]);
    expect(res.body.results[0]).toMatchObject({ status: 'invalid', error: { code: 'VALIDATION_FAILED' } });
    expect(await srv.store.countRatings()).toBe(0);
  });

  it('corrects the rating time by the clock offset seen at sync', async () => {
    const skew = -3_600_000; // the device runs an hour slow
    const deviceNow = Date.now() + skew;
    const r = demoRating({}, deviceNow - 60_000);
    await push([r], { sentAt: deviceNow });
    const [stored] = await srv.store.listRatings(0, 1);
    expect(stored.deviceTime).toBe(r.deviceTime);
    expect(Math.abs(stored.ratedAt - (r.deviceTime - skew))).toBeLessThan(2_000);
    expect(Math.abs(stored.receivedAt - Date.now())).toBeLessThan(5_000);
  });

  it('stores each record of two concurrent pushes of the same batch exactly once', async () => {
    const batch = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? badRating() : demoRating()));
    const [a, b] = await Promise.all([push(batch), push(batch)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    for (let i = 0; i < batch.length; i++) {
      const pair = [a.body.results[i].status, b.body.results[i].status].sort();
      expect(pair).toEqual(['accepted', 'duplicate']);
    }
    expect(await srv.store.countRatings()).toBe(200);
  });

  it('accepts a gzip body and answers gzip when asked', async () => {
    const batch = Array.from({ length: 50 }, () => demoRating());
    const res = await fetch(srv.baseUrl + PUSH_RATINGS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'accept-encoding': 'gzip' },
      body: zlib.gzipSync(JSON.stringify({ deviceId: DEMO_DEVICE, sentAt: Date.now(), items: batch })),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = await res.json(); // fetch inflates it
    expect(body.results.every((r: any) => r.status === 'accepted')).toBe(true);
    expect(await srv.store.countRatings()).toBe(50);
  });
});

describe('bad requests get a clear error and change nothing', () => {
  const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    ['malformed JSON', () => postJson(srv.baseUrl + PUSH_RATINGS_PATH, '{"deviceId": '), 400, 'BAD_JSON'],
    ['an empty batch', () => push([]), 400, 'VALIDATION_FAILED'],
    ['a missing deviceId', () => postJson(srv.baseUrl + PUSH_RATINGS_PATH, { sentAt: Date.now(), items: [demoRating()] }), 400, 'VALIDATION_FAILED'],
    ['an unknown field', () => push([demoRating()], { extra: 1 }), 400, 'VALIDATION_FAILED'],
    ['too many items', () => push(Array.from({ length: MAX_PUSH_BATCH + 1 }, () => demoRating())), 400, 'VALIDATION_FAILED'],
    ['a text/plain body', () => postJson(srv.baseUrl + PUSH_RATINGS_PATH, 'hello', { headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['brotli encoding', () => postJson(srv.baseUrl + PUSH_RATINGS_PATH, '{}', { headers: { 'content-encoding': 'br' } }), 415, 'UNSUPPORTED_CONTENT_ENCODING'],
  ];
  for (const [what, send, status, code] of cases) {
    it(`refuses ${what} with ${status} ${code}`, async () => {
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
      expect(await srv.store.countRatings()).toBe(0);
    });
  }

  it('refuses a body that is not gzip though it says so', async () => {
    const res = await fetch(srv.baseUrl + PUSH_RATINGS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'this is not gzip',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_GZIP');
  });
});

describe('size limit', () => {
  beforeEach(async () => {
    await srv.close();
    srv = await startInProcessServer({ bodyLimitBytes: 64 * 1024 });
  });

  it('refuses an oversize body with 413', async () => {
    const batch = Array.from({ length: 400 }, () => badRating({ comment: '很'.repeat(100) }));
    const res = await push(batch);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await srv.store.countRatings()).toBe(0);
  });

  it('applies the limit after decompression, so a small gzip bomb is refused too', async () => {
    const bomb = JSON.stringify({ deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [{ padding: ' '.repeat(5_000_000) }] });
    const compressed = zlib.gzipSync(bomb);
    expect(compressed.length).toBeLessThan(64 * 1024);
    const res = await fetch(srv.baseUrl + PUSH_RATINGS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: compressed,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
