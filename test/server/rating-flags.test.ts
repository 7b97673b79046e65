import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { API, buildPath } from '../../src/domain/endpoints';
import type { RatingRecord } from '../../src/domain/rating';
import { DEFAULT_RATING_FLAG_SETTINGS } from '../../src/domain/rating-flags';
import { notePhoneRatingBySignedInStaff } from '../../sync-server/rating-flags/phone-sign-in';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

// Anti-coercion flags (issue 14) through real HTTP on SQLite and PostgreSQL: a seeded kiosk burst, a fast tap, a
// window-QR burst and a staff member signed in on the tablet are flagged, their neighbours are not; leads read their
// window only; supervision marks valid or invalid (a note required for invalid), audited, and the ratings list
// shows the mark; bad input is a coded 400 that changes nothing.

const MIN = 60_000;
// A past working morning, China time: the seeded ratings of the first tests.
const T0 = Date.parse('2026-10-12T09:00:00+08:00');

for (const storeKind of ['sqlite', 'postgres'] as const) {
  describe(`anti-coercion flags (${storeKind})`, () => {
    let srv: InProcessServer;
    let supervision: string;
    let lead: string;
    let staff: string;
    let office: string;
    let admin: string;
    const ids: Record<string, string[]> = {};

    const push = (items: RatingRecord[], deviceId: string, headers: Record<string, string> = {}) =>
      api(srv.baseUrl, 'POST', API.pushRatings.path, { body: { deviceId, sentAt: Date.now(), items }, headers });
    async function pushOk(items: RatingRecord[], deviceId: string, headers: Record<string, string> = {}) {
      const res = await push(items, deviceId, headers);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(items.map(() => 'accepted'));
    }
    const list = (cookie: string, from: number, to: number, extra = '') => api(srv.baseUrl, 'GET', `${API.flaggedRatings.path}?from=${from}&to=${to}${extra}`, { cookie });
    const review = (cookie: string, id: string, body: unknown) => api(srv.baseUrl, 'PUT', buildPath(API.reviewRating.path, { id }), { cookie, body });
    const codesOf = (body: { items: { rating: { id: string }; flags: { code: string }[] }[] }) =>
      new Map(body.items.map((i) => [i.rating.id, i.flags.map((f) => f.code)]));

    beforeAll(async () => {
      const schema = storeKind === 'postgres' ? newTestSchema('hcp_flags') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      [supervision, lead, staff, office, admin] = await Promise.all(
        [DEMO_ACCOUNTS.SUPERVISION, DEMO_ACCOUNTS.LEAD, DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.OFFICE, DEMO_ACCOUNTS.ADMIN].map((n) => signIn(srv.baseUrl, n)),
      );
      // 7 uninvited taps on one kiosk within 6 minutes: a burst (more than 5 in 10 minutes).
      const burst = Array.from({ length: 7 }, (_, i) => demoRating({ deviceId: 'dev-burst-0001' }, T0 + i * MIN));
      // 5 on another kiosk within 4 minutes: exactly the limit, not a burst.
      const calm = Array.from({ length: 5 }, (_, i) => demoRating({ deviceId: 'dev-calm-0001' }, T0 + i * MIN));
      // Invited: tapped 0.8 s after the invitation (flagged) and 5 s after (not).
      const fast = demoRating({ deviceId: 'dev-invite-001', caseNumber: 'BJ-2026-0001', invitedAt: T0 + 20 * MIN - 800 }, T0 + 20 * MIN);
      const slow = demoRating({ deviceId: 'dev-invite-001', caseNumber: 'BJ-2026-0002', invitedAt: T0 + 30 * MIN - 5000 }, T0 + 30 * MIN);
      // Window 2's QR code: 6 ratings naming no 办件 within 5 minutes.
      const qr = Array.from({ length: 6 }, (_, i) => demoRating({ channel: 'QR', windowId: 'demo-w2', staffId: 'demo-s3', deviceId: 'qr-w2-phones' }, T0 + i * MIN));
      for (const [items, device] of [[burst, 'dev-burst-0001'], [calm, 'dev-calm-0001'], [[fast, slow], 'dev-invite-001'], [qr, 'qr-w2-phones']] as const) {
        await pushOk([...items], device);
      }
      Object.assign(ids, { burst: burst.map((r) => r.id), calm: calm.map((r) => r.id), fast: [fast.id], slow: [slow.id], qr: qr.map((r) => r.id) });
    });
    afterAll(async () => {
      await srv.close();
      await dropTestSchemas();
    });

    it('flags the burst, the fast tap and the QR burst, with their figures, and nothing else', async () => {
      const res = await list(supervision, T0 - 60 * MIN, T0 + 60 * MIN);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const codes = codesOf(res.body);
      for (const id of ids.burst) expect(codes.get(id)).toEqual(['KIOSK_BURST']);
      for (const id of ids.qr) expect(codes.get(id)).toEqual(['WINDOW_QR_BURST']);
      expect(codes.get(ids.fast[0])).toEqual(['FAST_TAP']);
      for (const id of [...ids.calm, ...ids.slow]) expect(codes.has(id)).toBe(false);
      expect(res.body.total).toBe(7 + 6 + 1);
      expect(res.body.canReview).toBe(true);
      const fast = res.body.items.find((i: { rating: { id: string } }) => i.rating.id === ids.fast[0]);
      expect(fast.flags[0]).toEqual({ code: 'FAST_TAP', elapsedMs: 800, limitMs: 1500 });
      expect(fast.invitedToTapMs).toBe(800);
      const burst = res.body.items.find((i: { rating: { id: string } }) => i.rating.id === ids.burst[0]);
      expect(burst.flags[0]).toMatchObject({ code: 'KIOSK_BURST', key: 'dev-burst-0001', count: 7, maxCount: 5, windowMinutes: 10 });
      // Newest first; the names the rows refer to come along.
      const times = res.body.items.map((i: { rating: { ratedAt: number } }) => i.rating.ratedAt);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(res.body.refs.windows.map((w: { id: string }) => w.id).sort()).toEqual(['demo-w1', 'demo-w2']);
    });

    it('sees a burst crossing the edge of the period whole, and leaves out ratings outside it', async () => {
      // The period starts after the 4th burst tap: the last 3 are listed, still counted with the 4 before.
      const res = await list(supervision, T0 + 3 * MIN + 30_000, T0 + 10 * MIN);
      const burst = res.body.items.filter((i: { flags: { code: string }[] }) => i.flags[0].code === 'KIOSK_BURST');
      expect(burst.map((i: { rating: { id: string } }) => i.rating.id).sort()).toEqual(ids.burst.slice(4).sort());
      expect(burst[0].flags[0].count).toBe(7);
    });

    it('lets a lead read their own window only, without marking; others have no access', async () => {
      const res = await list(lead, T0 - 60 * MIN, T0 + 60 * MIN);
      expect(res.status).toBe(200);
      expect(res.body.canReview).toBe(false);
      expect(res.body.items.every((i: { rating: { windowId: string } }) => i.rating.windowId === 'demo-w1')).toBe(true);
      expect(res.body.total).toBe(7 + 1);
      expect((await review(lead, ids.fast[0], { verdict: 'VALID' })).status).toBe(403);
      for (const cookie of [staff, office, admin]) expect((await list(cookie, T0, T0 + MIN)).status).toBe(403);
      expect((await review(staff, ids.fast[0], { verdict: 'VALID' })).status).toBe(403);
      expect((await api(srv.baseUrl, 'GET', `${API.flaggedRatings.path}?from=${T0}&to=${T0 + MIN}`)).status).toBe(401);
    });

    it('refuses a bad period or query with a code', async () => {
      for (const [q, code] of [
        [`from=${T0}&to=${T0}`, 'PERIOD_INVALID'],
        [`from=${T0}&to=${T0 - 1}`, 'PERIOD_INVALID'],
        [`from=${T0}&to=${T0 + 40 * 86_400_000}`, 'PERIOD_INVALID'],
        [`from=abc&to=${T0}`, 'VALIDATION_FAILED'],
        [`to=${T0}`, 'VALIDATION_FAILED'],
        [`from=${T0}&to=${T0 + MIN}&limit=0`, 'VALIDATION_FAILED'],
        [`from=${T0}&to=${T0 + MIN}&state=closed`, 'VALIDATION_FAILED'],
      ] as const) {
        const res = await api(srv.baseUrl, 'GET', `${API.flaggedRatings.path}?${q}`, { cookie: supervision });
        expect([q, res.status, res.body.error?.code]).toEqual([q, 400, code]);
      }
    });

    it('marks a rating invalid only with a note, audited; the ratings list shows the mark; a later mark replaces it', async () => {
      const id = ids.fast[0];
      const noNote = await review(supervision, id, { verdict: 'INVALID' });
      expect([noNote.status, noNote.body.error.code]).toEqual([400, 'NOTE_REQUIRED']);
      const blank = await review(supervision, id, { verdict: 'INVALID', note: '   ' });
      expect([blank.status, blank.body.error.code]).toEqual([400, 'NOTE_REQUIRED']);
      for (const body of [{ verdict: 'MAYBE' }, { verdict: 'VALID', note: 'x'.repeat(501) }, { verdict: 'VALID', extra: 1 }, null, 'VALID']) {
        const res = await review(supervision, id, body);
        expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await srv.store.getRatingReviews([id])).length).toBe(0); // refusals changed nothing

      const marked = await review(supervision, id, { verdict: 'INVALID', note: ' 窗口人员代按 ' });
      expect(marked.status, JSON.stringify(marked.body)).toBe(200);
      expect(marked.body).toMatchObject({ ratingId: id, verdict: 'INVALID', note: '窗口人员代按', by: 'demo-supervision' });

      const audit = await api(srv.baseUrl, 'GET', `${API.audit.path}?limit=20`, { cookie: supervision });
      const entry = audit.body.entries.find((e: { action: string; targetId: string }) => e.action === 'rating.review' && e.targetId === id);
      expect(entry).toMatchObject({ actorId: 'demo-supervision', targetType: 'rating', detail: { verdict: 'INVALID', note: '窗口人员代按', previous: null } });

      // Kept, visibly: the ratings list carries the mark, and the flagged list too.
      const ratings = await api(srv.baseUrl, 'GET', `${API.ratings.path}?before=${T0 + 21 * MIN}&limit=5`, { cookie: supervision });
      expect(ratings.body.items.find((r: { id: string }) => r.id === id).review).toMatchObject({ verdict: 'INVALID', note: '窗口人员代按', byName: expect.any(String) });
      const flagged = await list(supervision, T0 - 60 * MIN, T0 + 60 * MIN);
      expect(flagged.body.items.find((i: { rating: { id: string } }) => i.rating.id === id).review).toMatchObject({ verdict: 'INVALID' });
      // 'open' lists only what nobody has checked yet.
      const open = await list(supervision, T0 - 60 * MIN, T0 + 60 * MIN, '&state=open');
      expect(open.body.total).toBe(flagged.body.total - 1);

      const again = await review(supervision, id, { verdict: 'VALID' });
      expect(again.body).toMatchObject({ verdict: 'VALID', note: null });
      const audit2 = await api(srv.baseUrl, 'GET', `${API.audit.path}?limit=5`, { cookie: supervision });
      expect(audit2.body.entries.find((e: { action: string }) => e.action === 'rating.review').detail.previous).toMatchObject({ verdict: 'INVALID', note: '窗口人员代按' });
      expect((await srv.store.getRatingReviews([id]))[0]).toMatchObject({ verdict: 'VALID', note: null });
    });

    it('answers 404 for an unknown rating and 400 for a malformed id', async () => {
      const unknown = await review(supervision, '01900000-0000-7000-8000-000000000000', { verdict: 'VALID' });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
      const malformed = await review(supervision, 'not-an-id', { verdict: 'VALID' });
      expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('flags a rating made on a tablet where the rated person is signed in, until they sign out', async () => {
      const code = await api(srv.baseUrl, 'POST', API.createEnrolmentCode.path, { cookie: admin, body: { windowId: 'demo-w1' } });
      const device = 'dev-shared-w1-01';
      const enrolled = await api(srv.baseUrl, 'POST', API.enrol.path, { body: { code: code.body.code, deviceId: device, report: { appVersion: '0.3.0', queueDepth: 0, conflicts: 0, deadLetters: 0, storagePersisted: true } } });
      expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
      const bearer = { authorization: `Bearer ${enrolled.body.credential}` };
      // 李明 (D1001, demo-s1) signs in on /staff on that tablet; the app tells the server with the tablet's credential.
      const li = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
      expect((await api(srv.baseUrl, 'POST', API.deviceSignIn.path, { cookie: li })).body.error.code).toBe('DEVICE_CREDENTIAL_REQUIRED');
      expect((await api(srv.baseUrl, 'POST', API.deviceSignIn.path, { cookie: li, headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).body.error.code).toBe('DEVICE_UNKNOWN');
      expect((await api(srv.baseUrl, 'POST', API.deviceSignIn.path, { headers: bearer })).status).toBe(401);
      const told = await api(srv.baseUrl, 'POST', API.deviceSignIn.path, { cookie: li, headers: bearer });
      expect(told.status, JSON.stringify(told.body)).toBe(200);
      expect(told.body).toMatchObject({ deviceId: device, staffId: 'demo-s1' });
      const since = told.body.from as number;
      // Told again (the app's next start): the same sign-in, from the first time.
      expect((await api(srv.baseUrl, 'POST', API.deviceSignIn.path, { cookie: li, headers: bearer })).body.from).toBe(since);

      const now = Date.now();
      const rated = demoRating({ deviceId: device, staffId: 'demo-s1' }, now);
      const other = demoRating({ deviceId: device, staffId: 'demo-s4' }, now + 1);
      await pushOk([rated, other], device, bearer);
      await api(srv.baseUrl, 'POST', API.signOut.path, { cookie: li });
      const after = demoRating({ deviceId: device, staffId: 'demo-s1' }, Date.now() + 1000);
      await pushOk([after], device, bearer);

      const res = await list(supervision, now - 60 * MIN, now + 60 * MIN);
      const codes = codesOf(res.body);
      expect(codes.get(rated.id)).toEqual(['STAFF_SIGNED_IN']);
      expect(res.body.items.find((i: { rating: { id: string } }) => i.rating.id === rated.id).flags[0]).toEqual({
        code: 'STAFF_SIGNED_IN', staffId: 'demo-s1', deviceId: device, signedInFrom: since,
      });
      expect(codes.has(other.id)).toBe(false); // another person rated on the same tablet
      expect(codes.has(after.id)).toBe(false); // after sign-out
    });

    it("records a phone-page rating posted with the rated person's own session (the phone page's hook)", async () => {
      const li = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
      const at = Date.now();
      const asRequest = (cookie?: string) => ({ headers: cookie ? { cookie } : {}, actor: null }) as unknown as FastifyRequest;
      const phone = 'phone-browser-01';
      // Nobody signed in, or another person: nothing recorded.
      expect(await notePhoneRatingBySignedInStaff(srv.store, asRequest(), { staffId: 'demo-s1', deviceId: phone, ratedAt: at })).toBe(false);
      expect(await notePhoneRatingBySignedInStaff(srv.store, asRequest(lead), { staffId: 'demo-s1', deviceId: phone, ratedAt: at })).toBe(false);
      expect(await notePhoneRatingBySignedInStaff(srv.store, asRequest(li), { staffId: 'demo-s1', deviceId: phone, ratedAt: at })).toBe(true);
      const signIns = await srv.store.listStaffSignIns(at - MIN, at + MIN);
      expect(signIns.filter((s) => s.deviceId === phone)).toEqual([{ deviceId: phone, staffId: 'demo-s1', from: at, to: at }]);
    });

    it('applies the settings an administrator saves (checked, audited), and only theirs', async () => {
      expect((await api(srv.baseUrl, 'GET', API.flagSettings.path, { cookie: admin })).body).toEqual(DEFAULT_RATING_FLAG_SETTINGS);
      const stricter = { ...DEFAULT_RATING_FLAG_SETTINGS, fastTapMs: 500, kioskBurst: { maxCount: 7, windowMinutes: 10 } };
      for (const bad of [{ ...stricter, fastTapMs: -1 }, { ...stricter, kioskBurst: { maxCount: 0, windowMinutes: 10 } }, { ...stricter, extra: true }, { fastTapMs: 500 }]) {
        const res = await api(srv.baseUrl, 'PUT', API.putFlagSettings.path, { cookie: admin, body: bad });
        expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await api(srv.baseUrl, 'PUT', API.putFlagSettings.path, { cookie: supervision, body: stricter })).status).toBe(403);
      const saved = await api(srv.baseUrl, 'PUT', API.putFlagSettings.path, { cookie: admin, body: stricter });
      expect(saved.status).toBe(200);
      const res = await list(supervision, T0 - 60 * MIN, T0 + 60 * MIN);
      const codes = codesOf(res.body);
      expect(codes.has(ids.fast[0])).toBe(false); // 0.8 s > 0.5 s
      for (const id of ids.burst) expect(codes.has(id)).toBe(false); // 7 is no longer more than the limit
      expect(res.body.settings).toEqual(stricter);
      const audit = await api(srv.baseUrl, 'GET', `${API.audit.path}?limit=5`, { cookie: admin });
      expect(audit.body.entries.find((e: { action: string }) => e.action === 'rating-flags.settings').detail).toEqual({ before: DEFAULT_RATING_FLAG_SETTINGS, after: stricter });
      await api(srv.baseUrl, 'PUT', API.putFlagSettings.path, { cookie: admin, body: DEFAULT_RATING_FLAG_SETTINGS });
    });
  });
}
