import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, buildPath } from '../../src/domain/endpoints';
import { monthOfCst, monthRangeCst } from '../../src/domain/figures/month';
import { addMonths, closeStatus } from '../../src/domain/figures/month-close';
import type { RatingRecord } from '../../src/domain/rating';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

// Month close (issue 15) through real HTTP on SQLite and PostgreSQL: the office lists the months and their status,
// submits version 1, a stale or unchanged submission is refused, a rating of the month pushed late through the
// real push route and an invalidation through the real review route show as corrections naming those ratings,
// two offices racing for version 2 get one 200 and one 409; other roles are refused. The months are relative to
// the real date (the server reads Date.now()).

const DAY = 86_400_000;
const thisMonth = monthOfCst(Date.now());
const month = addMonths(thisMonth, -1);
const { from } = monthRangeCst(month);

for (const storeKind of ['sqlite', 'postgres'] as const) {
  describe(`month close (${storeKind})`, () => {
    let srv: InProcessServer;
    let office: string;
    const others: Record<string, string> = {};
    const early = [demoRating({}, from + 2 * DAY), demoRating({ level: 'VERY_SATISFIED' }, from + 3 * DAY), badRating({}, from + 4 * DAY)];

    const push = async (items: RatingRecord[]) => {
      // A kiosk whose clock is right sends now what it took then: the rating keeps its own (old) time.
      const res = await api(srv.baseUrl, 'POST', API.pushRatings.path, { body: { deviceId: 'dev-test-0001', sentAt: Date.now(), items } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(items.map(() => 'accepted'));
    };
    const list = (cookie = office, q = '') => api(srv.baseUrl, 'GET', `${API.monthCloses.path}${q}`, { cookie });
    const detail = (m = month, cookie = office, q = '') => api(srv.baseUrl, 'GET', `${buildPath(API.monthClose.path, { month: m })}${q}`, { cookie });
    const submit = (corrects: unknown, m = month, cookie = office, q = '') =>
      api(srv.baseUrl, 'POST', `${buildPath(API.submitMonthClose.path, { month: m })}${q}`, { cookie, body: { corrects } });
    const allRow = (rows: { scope: string; total: number; invalid: number }[]) => rows.find((r) => r.scope === 'all')!;

    beforeAll(async () => {
      const schema = storeKind === 'postgres' ? newTestSchema('hcp_close') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      office = await signIn(srv.baseUrl, DEMO_ACCOUNTS.OFFICE);
      for (const role of ['STAFF', 'LEAD', 'SUPERVISION', 'PERSONNEL', 'ADMIN'] as const) others[role] = await signIn(srv.baseUrl, DEMO_ACCOUNTS[role]);
      await push(early);
    });
    afterAll(async () => {
      await srv.close();
      await dropTestSchemas();
    });

    it('lists the last ended month as due or overdue, named by the reminder, with its live numbers', async () => {
      const res = await list();
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const expected = closeStatus(month, Date.now(), null);
      expect(['due', 'overdue']).toContain(expected);
      expect(res.body.months[0]).toMatchObject({ month, status: expected, latest: null, corrections: null });
      expect(res.body.reminder[0]).toEqual({ month, deadline: res.body.months[0].deadline, status: expected });
      const one = await detail();
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ month, unitId: null, snapshot: null, versions: [], canSubmit: true, correctionsTotal: 0 });
      expect(allRow(one.body.live.rows).total).toBe(3);
    });

    it('refuses the current month, a stale version and a bad month, then takes version 1 once', async () => {
      expect([(await submit(0, thisMonth)).status, (await submit(0, thisMonth)).body.error.code]).toEqual([400, 'MONTH_NOT_ENDED']);
      expect((await detail(thisMonth)).body.canSubmit).toBe(false);
      expect((await submit(1)).body.error.code).toBe('MONTH_CLOSE_STALE');
      expect((await submit(-1)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await submit(0, '2026-13')).status).toBe(400);
      expect((await detail('2026-1')).body.error.code).toBe('VALIDATION_FAILED');
      const res = await submit(0);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.version).toMatchObject({ version: 1, submittedBy: { id: 'demo-office', name: expect.any(String) } });
      expect(['submitted', 'submittedLate']).toContain(res.body.status);
      expect((await submit(0)).status).toBe(409);
      // Nothing changed since version 1: there is nothing to correct.
      expect((await submit(1)).body.error.code).toBe('MONTH_CLOSE_UNCHANGED');
      const after = await list();
      expect(after.body.months[0].latest.version).toBe(1);
      expect(after.body.reminder.map((r: { month: string }) => r.month)).not.toContain(month);
      const audit = await srv.store.listAudit({ limit: 20 });
      expect(audit.filter((a) => a.action === 'month-close.submit').map((a) => a.detail)).toEqual([
        expect.objectContaining({ month, unitId: null, version: 1, corrects: 0, total: 3 }),
      ]);
    });

    it('shows a rating that synced late and an invalidation as corrections, naming those ratings', async () => {
      const late = demoRating({ windowId: 'demo-w1', level: 'BASICALLY_SATISFIED' }, from + 10 * DAY);
      await push([late]);
      const review = await api(srv.baseUrl, 'PUT', buildPath(API.reviewRating.path, { id: early[1]!.id }), {
        cookie: others.SUPERVISION, body: { verdict: 'INVALID', note: 'staff tapped it' },
      });
      expect(review.status, JSON.stringify(review.body)).toBe(200);
      const res = await detail();
      expect(res.body.snapshot.version).toBe(1);
      expect(res.body.correctionsTotal).toBe(2);
      const byId = Object.fromEntries(res.body.corrections.map((c: { after: { id: string } }) => [c.after.id, c]));
      expect(byId[late.id]).toMatchObject({ kind: 'added', why: 'LATE_ARRIVAL', before: null, after: { windowId: 'demo-w1', level: 'BASICALLY_SATISFIED', state: 'COUNTED' } });
      // Its own time, corrected only by the milliseconds of the device-to-server clock estimate.
      expect(Math.abs(byId[late.id].after.ratedAt - late.deviceTime)).toBeLessThan(60_000);
      expect(byId[early[1]!.id]).toMatchObject({ kind: 'changed', why: 'INVALIDATED', fields: ['state'], before: { state: 'COUNTED' }, after: { state: 'INVALID' } });
      const all = res.body.changedRows.find((r: { scope: string }) => r.scope === 'all');
      const cells = Object.fromEntries(all.cells.map((c: { cell: string; before: number; after: number }) => [c.cell, [c.before, c.after]]));
      // One added, one left out: the total is the same, so it is no changed cell.
      expect(cells.total).toBeUndefined();
      expect(cells).toMatchObject({ invalid: [0, 1], 'byLevel.VERY_SATISFIED': [1, 0], 'byLevel.BASICALLY_SATISFIED': [0, 1] });
      expect(res.body.refs.windows.map((w: { id: string }) => w.id)).toContain('demo-w1');
      expect((await list(office, '?corrections=1')).body.months[0].corrections).toBe(2);
    });

    it('lets one of two offices submitting at once make version 2; the other is told it is stale', async () => {
      const [a, b] = await Promise.all([submit(1), submit(1)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('MONTH_CLOSE_STALE');
      const res = await detail();
      expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(res.body.snapshot.version).toBe(2);
      expect(allRow(res.body.snapshot.rows)).toMatchObject({ total: 3, invalid: 1 });
      expect(res.body.correctionsTotal).toBe(0);
      // Version 1 is kept as it was.
      expect(allRow((await srv.store.getMonthClose(month, null, 1))!.rows)).toMatchObject({ total: 3, invalid: 0 });
    });

    it('keeps a unit\'s versions apart from the hall\'s; an unknown unit is 404', async () => {
      const res = await submit(0, month, office, '?unitId=demo-unit');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ unitId: 'demo-unit', version: { version: 1 } });
      expect((await detail(month, office, '?unitId=demo-unit')).body.versions).toHaveLength(1);
      expect((await detail(month, office, '?unitId=nowhere')).status).toBe(404);
      expect((await list(office, '?unitId=nowhere')).status).toBe(404);
    });

    it('compares only the three newest submitted months in the list; older ones are read when opened', async () => {
      const older = [2, 3, 4].map((n) => addMonths(month, -n));
      await push(older.map((m) => demoRating({}, monthRangeCst(m).from + DAY)));
      for (const m of older) expect((await submit(0, m)).status).toBe(200);
      await push([demoRating({}, monthRangeCst(older[2]!).from + 2 * DAY)]);
      const res = await list(office, '?corrections=1');
      const byMonth = Object.fromEntries(res.body.months.map((m: { month: string; corrections: number | null }) => [m.month, m.corrections]));
      expect([month, ...older].map((m) => byMonth[m])).toEqual([0, 0, 0, null]);
      expect((await detail(older[2])).body.correctionsTotal).toBe(1);
      expect((await list()).body.months.every((m: { corrections: number | null }) => m.corrections === null)).toBe(true);
    });

    it('refuses every other role and anonymous callers', async () => {
      for (const [role, cookie] of Object.entries(others)) {
        for (const res of [await list(cookie), await detail(month, cookie), await submit(2, month, cookie)]) expect([role, res.status]).toEqual([role, 403]);
      }
      expect((await api(srv.baseUrl, 'GET', API.monthCloses.path)).status).toBe(401);
      expect((await api(srv.baseUrl, 'POST', buildPath(API.submitMonthClose.path, { month }), { body: { corrects: 2 } })).status).toBe(401);
      expect((await detail()).body.versions).toHaveLength(2);
    });
  });
}
