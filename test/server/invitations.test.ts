import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { uuidv7 } from '../../src/domain/ids';
import type { RatingRecord } from '../../src/domain/rating';
import type { Invitation } from '../../src/domain/rating-invitation';
import type { ServiceCaseFields } from '../../src/domain/service-case';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';
import { InvitationNotices } from '../../sync-server/invitations/invitation-notices';
import { waitForInvitation } from '../../sync-server/invitations/wait-for-invitation';
import { configFromEnv } from '../../sync-server/config';

// The invitation at the window (一次一评), server side, through real HTTP on a real SQLite file and on PostgreSQL:
// who may invite, the kiosk's long poll (also when another instance made the invitation), which invitations a
// kiosk never gets, and the link a rating makes at ingest (one rating per invitation).

const DEVICE = 'dev-invite-w1-0001';
const report = { appVersion: 'test', queueDepth: 0, conflicts: 0, deadLetters: 0, storagePersisted: null };

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`rating invitations (${store})`, () => {
    let srv: InProcessServer;
    /** A second instance on the same database: its own process state, no notice from the first. */
    let other: InProcessServer;
    let admin: string;
    let kiosk: Record<string, string>;
    let systemToken: string;
    let n = 0;

    /** A 办件 of today at window 1 (or the window given), handled by 李明 unless another person is named. */
    async function serviceCase(patch: Partial<ServiceCaseFields> = {}) {
      const fields: ServiceCaseFields = {
        caseNo: `INV-${store}-${++n}`, serviceItemId: 'demo-item-1', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1',
        applicantType: 'PERSON', acceptedAt: Date.now() - 60_000, finishedAt: null, status: 'ACCEPTED', source: 'API', ...patch,
      };
      const [{ id }] = await srv.store.upsertServiceCases([fields], Date.now());
      return { ...fields, id };
    }
    const invite = (id: string, cookie: string, base = srv.baseUrl) => api(base, 'POST', API.inviteServiceCase.path.replace(':id', id), { cookie });
    const poll = (query: string, base = srv.baseUrl, signal?: AbortSignal) =>
      fetch(`${base}${API.kioskInvitation.path}${query}`, { headers: kiosk, signal }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const push = (items: RatingRecord[]) => api(srv.baseUrl, 'POST', API.pushRatings.path, { headers: kiosk, body: { deviceId: DEVICE, sentAt: Date.now(), items } });
    /** The rating a kiosk makes under an invitation: its 办件编号, the invitation's id, when the kiosk showed it. */
    const answer = (inv: Pick<Invitation, 'id' | 'caseNo'>, patch: Partial<RatingRecord> = {}) =>
      demoRating({ deviceId: DEVICE, caseNumber: inv.caseNo, sessionId: inv.id, invitedAt: Date.now() - 5_000, ...patch });

    beforeAll(async () => {
      const schema = store === 'postgres' ? newTestSchema('hcp_inv') : null;
      const env = schema ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } : undefined;
      // Production mode: a kiosk is an enrolled device, bound to its window.
      srv = await startInProcessServer({ demo: false, env });
      other = await startInProcessServer({ demo: false, env, dataDir: srv.dataDir });
      admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
      const code = (await api(srv.baseUrl, 'POST', API.createEnrolmentCode.path, { cookie: admin, body: { windowId: 'demo-w1' } })).body.code;
      const enrolled = await api(srv.baseUrl, 'POST', API.enrol.path, { body: { code, deviceId: DEVICE, report } });
      kiosk = { authorization: `Bearer ${enrolled.body.credential}` };
      systemToken = (await api(srv.baseUrl, 'POST', API.systemTokens.path, { cookie: admin, body: { unitId: 'demo-unit', name: '业务系统' } })).body.token;
      await srv.store.insertUnit({ id: 'unit-b', name: { 'zh-CN': '乙单位', en: 'Unit B', bo: 'Unit B' }, active: true });
      await srv.store.insertWindow({ id: 'b-w1', unitId: 'unit-b', number: '7', name: { 'zh-CN': '乙7', en: 'B7', bo: 'B7' }, sortOrder: 1, active: true });
      await srv.store.insertServiceItem({ id: 'b-item', code: 'B-001', unitId: 'unit-b', name: { 'zh-CN': '乙事项', en: 'B item', bo: 'B item' }, sortOrder: 1, active: true });
    });
    afterAll(async () => {
      await other?.close();
      await srv?.close();
      await dropTestSchemas();
    });

    describe('who may invite', () => {
      it("the 办件's own staff member and the lead of its window; anyone else gets 404 as for an absent 办件", async () => {
        const sc = await serviceCase();
        const own = await invite(sc.id, await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF));
        expect(own.status, JSON.stringify(own.body)).toBe(201);
        expect(own.body.invitation).toMatchObject({ windowId: 'demo-w1', serviceCaseId: sc.id, caseNo: sc.caseNo, serviceItemId: 'demo-item-1', staffId: 'demo-s1', source: 'TABLET' });
        expect(own.body.invitation.caseNoMasked).toMatch(new RegExp(`^\\*+${sc.caseNo.slice(-4)}$`));
        expect(own.body.invitation.serviceItemName['zh-CN']).toContain('企业投资项目备案');
        expect(own.body.invitation.expiresAt - own.body.invitation.createdAt).toBe(3 * 60_000);
        expect((await invite(sc.id, await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD))).status).toBe(201);
        // A colleague of the same window who is not its lead, and a clerk of another window: as if it did not exist.
        for (const who of ['D1004', DEMO_ACCOUNTS.STAFF_W2, DEMO_ACCOUNTS.SUPERVISION]) {
          expect(await invite(sc.id, await signIn(srv.baseUrl, who))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
        }
        expect((await invite(uuidv7(), await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF))).status).toBe(404);
        expect((await invite(sc.id, '')).status).toBe(401);
      });

      it("the business system invites by 办件编号 in its token's unit only", async () => {
        const sc = await serviceCase();
        const b = (await srv.store.upsertServiceCases([{ ...sc, caseNo: `B-${sc.caseNo}`, unitId: 'unit-b', windowId: 'b-w1', serviceItemId: 'b-item', staffId: null }], Date.now()))[0];
        expect(b.outcome).toBe('added');
        const sys = (caseNo: unknown, token = systemToken) => api(srv.baseUrl, 'POST', API.systemInvite.path, { headers: { authorization: `Bearer ${token}` }, body: { caseNo } });
        const made = await sys(sc.caseNo);
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        expect(made.body.invitation).toMatchObject({ source: 'API', serviceCaseId: sc.id, windowId: 'demo-w1' });
        expect(await sys(`B-${sc.caseNo}`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
        expect((await sys('NEVER-SENT')).status).toBe(404);
        expect(await sys(42)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
        expect((await sys(sc.caseNo, 'hcs_not-a-token-anyone-made-at-all-xxxxxxxxxxxx')).status).toBe(401);
        // A session is no system token.
        expect((await api(srv.baseUrl, 'POST', API.systemInvite.path, { cookie: admin, body: { caseNo: sc.caseNo } })).status).toBe(401);
      });
    });

    describe("the kiosk's long poll", () => {
      it('answers as soon as an invitation is made while it waits, with the server time', async () => {
        const clerk = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
        const held = (await poll('')).body.invitation as Invitation | null;
        const sc = await serviceCase();
        const started = Date.now();
        const waiting = poll(`?waitMs=20000${held ? `&after=${held.id}` : ''}`);
        const made = await invite(sc.id, clerk);
        const got = await waiting;
        expect(got.status).toBe(200);
        expect(got.body.invitation.id).toBe(made.body.invitation.id);
        expect(got.body.invitation.serviceItemName.en).toContain('enterprise investment');
        expect(Date.now() - started).toBeLessThan(20_000);
        expect(Math.abs(got.body.serverTime - Date.now())).toBeLessThan(5_000);
        // Held now: asking after it, without waiting, gives nothing newer.
        expect((await poll(`?after=${made.body.invitation.id}`)).body.invitation).toBeNull();
      });

      it('answers when another instance on the same database made the invitation', async () => {
        const sc = await serviceCase();
        const held = (await poll('', other.baseUrl)).body.invitation as Invitation | null;
        const waiting = poll(`?waitMs=20000${held ? `&after=${held.id}` : ''}`, other.baseUrl);
        const made = await invite(sc.id, await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF));
        expect((await waiting).body.invitation.id).toBe(made.body.invitation.id);
        // And the other way round.
        const sc2 = await serviceCase();
        const waiting2 = poll(`?waitMs=20000&after=${made.body.invitation.id}`);
        const made2 = await invite(sc2.id, await signIn(other.baseUrl, DEMO_ACCOUNTS.STAFF), other.baseUrl);
        expect((await waiting2).body.invitation.id).toBe(made2.body.invitation.id);
      });

      it('ends the wait empty when nothing comes, and refuses a wait beyond the limit or another credential', async () => {
        const held = (await poll('')).body.invitation as Invitation | null;
        const started = Date.now();
        const empty = await poll(`?waitMs=400${held ? `&after=${held.id}` : ''}`);
        expect(empty).toMatchObject({ status: 200, body: { invitation: null } });
        expect(Date.now() - started).toBeGreaterThanOrEqual(350);
        expect((await poll('?waitMs=25001')).status).toBe(400);
        expect((await poll('?after=not-an-id')).status).toBe(400);
        const anonymous = await fetch(`${srv.baseUrl}${API.kioskInvitation.path}?window=demo-w1`);
        expect(anonymous.status).toBe(401);
      });

      it('never gives a lapsed, a cancelled or an answered invitation', async () => {
        const clerk = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
        // Lapsed: made long ago and never answered.
        const lapsed = await serviceCase();
        const at = Date.now() - 10 * 60_000;
        await srv.store.createInvitation({
          id: uuidv7(Date.now()), unitId: 'demo-unit', windowId: 'demo-w1', serviceCaseId: lapsed.id, caseNo: lapsed.caseNo, serviceItemId: 'demo-item-1', staffId: 'demo-s1',
          source: 'TABLET', createdBy: 'demo-s1', createdAt: at, expiresAt: at + 3 * 60_000, answeredRatingId: null, answeredAt: null, cancelledAt: null,
        });
        expect((await poll('')).body.invitation).toBeNull();
        // Cancelled: a newer invitation for the window replaces an open older one.
        const first = (await invite((await serviceCase()).id, clerk)).body.invitation as Invitation;
        const second = (await invite((await serviceCase()).id, clerk)).body.invitation as Invitation;
        expect((await srv.store.getInvitation(first.id))!.cancelledAt).not.toBeNull();
        expect((await poll('')).body.invitation.id).toBe(second.id);
        // Answered: once its rating is in, the window has nothing open.
        expect((await push([answer(second)])).body.results[0].status).toBe('accepted');
        expect((await poll('')).body.invitation).toBeNull();
        expect((await poll('?waitMs=300')).body.invitation).toBeNull();
      });

      it('stops waiting when the kiosk goes away', async () => {
        const held = (await poll('')).body.invitation as Invitation | null;
        const ctrl = new AbortController();
        const waiting = poll(`?waitMs=20000${held ? `&after=${held.id}` : ''}`, srv.baseUrl, ctrl.signal).catch((err: Error) => err.name);
        ctrl.abort();
        expect(await waiting).toBe('AbortError');
        // The server is still answering, and an invitation made now reaches the next poll.
        const made = await invite((await serviceCase()).id, await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF));
        expect((await poll('')).body.invitation.id).toBe(made.body.invitation.id);
        // The wait itself: a client gone ends it at once and leaves no listener behind.
        const notices = new InvitationNotices();
        let leave!: () => void;
        const gone = new Promise<void>((resolve) => (leave = resolve));
        const started = Date.now();
        const wait = waitForInvitation(srv.store, notices, { windowId: 'demo-w1', after: made.body.invitation.id, waitMs: 20_000, gone, onError: () => {} });
        await expect.poll(() => notices.waiting('demo-w1')).toBe(1);
        leave();
        expect(await wait).toBeNull();
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(notices.waiting('demo-w1')).toBe(0);
      });
    });

    describe('linking at ingest', () => {
      it('marks the invitation answered by its rating; a second rating is INVITATION_USED, a replay a duplicate', async () => {
        const sc = await serviceCase();
        const inv = (await invite(sc.id, await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF))).body.invitation as Invitation;
        const rating = answer(inv);
        expect((await push([rating])).body.results[0]).toMatchObject({ status: 'accepted' });
        expect(await srv.store.getInvitation(inv.id)).toMatchObject({ answeredRatingId: rating.id });
        const second = answer(inv, { level: 'VERY_SATISFIED' });
        const again = (await push([rating, second])).body.results;
        expect(again[0]).toMatchObject({ status: 'duplicate' });
        expect(again[1]).toMatchObject({ status: 'invalid', error: { code: 'INVITATION_USED' } });
        expect(await srv.store.getRating(second.id)).toBeNull();
        expect(await srv.store.getInvitation(inv.id)).toMatchObject({ answeredRatingId: rating.id });
        const list = await fetch(`${srv.baseUrl}${API.kioskServiceCases.path}`, { headers: kiosk }).then((r) => r.json());
        expect(list.serviceCases.find((c: { id: string }) => c.id === sc.id)).toMatchObject({ rated: true, caseNo: sc.caseNo, staffId: 'demo-s1' });
      });

      it('refuses a rating whose session id is the invitation of another 办件 (INVITATION_MISMATCH), storing nothing', async () => {
        const sc = await serviceCase();
        const inv = (await invite(sc.id, await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF))).body.invitation as Invitation;
        const wrong = answer({ id: inv.id, caseNo: 'SOMETHING-ELSE' });
        expect((await push([wrong])).body.results[0]).toMatchObject({ status: 'invalid', error: { code: 'INVITATION_MISMATCH' } });
        expect(await srv.store.getRating(wrong.id)).toBeNull();
        expect((await srv.store.getInvitation(inv.id))!.answeredRatingId).toBeNull();
      });

      it("records a session id it does not know (the kiosk's staff panel, offline) as an answered KIOSK invitation", async () => {
        const sc = await serviceCase();
        const sessionId = uuidv7(Date.now() - 30_000);
        const rating = answer({ id: sessionId, caseNo: sc.caseNo }, { invitedAt: Date.now() - 20_000 });
        expect((await push([rating])).body.results[0]).toMatchObject({ status: 'accepted' });
        const made = await srv.store.getInvitation(sessionId);
        expect(made).toMatchObject({ source: 'KIOSK', windowId: 'demo-w1', serviceCaseId: sc.id, serviceItemId: 'demo-item-1', caseNo: sc.caseNo, answeredRatingId: rating.id, createdBy: DEVICE });
        expect(Math.abs(made!.createdAt - (Date.now() - 20_000))).toBeLessThan(5_000);
        // A 办件编号 the server does not know yet: recorded too, without its 办件.
        const unknown = answer({ id: uuidv7(), caseNo: 'NOT-YET-SENT' });
        expect((await push([unknown])).body.results[0].status).toBe('accepted');
        expect(await srv.store.getInvitation(unknown.sessionId!)).toMatchObject({ source: 'KIOSK', serviceCaseId: null, serviceItemId: null, answeredRatingId: unknown.id });
        // Only a kiosk makes its own invitations: a rating of another channel with a session id records none.
        const terminal = answer({ id: uuidv7(), caseNo: sc.caseNo }, { channel: 'HALL_TERMINAL' });
        expect((await push([terminal])).body.results[0].status).toBe('accepted');
        expect(await srv.store.getInvitation(terminal.sessionId!)).toMatchObject({ source: 'KIOSK' });
        const other = answer({ id: uuidv7(), caseNo: sc.caseNo }, { channel: 'PC' });
        expect((await push([other])).body.results[0].status).toBe('accepted');
        expect(await srv.store.getInvitation(other.sessionId!)).toBeNull();
        // The kiosk's own invitation is used once too.
        expect((await push([answer({ id: sessionId, caseNo: sc.caseNo }, { level: 'VERY_SATISFIED' })])).body.results[0].error.code).toBe('INVITATION_USED');
      });

      it('links a rating the kiosk showed while the invitation was open, however late it arrives; not one shown after', async () => {
        const clerk = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
        // Replaced by a newer invitation just now: the kiosk showed it before that, so its rating counts.
        const replaced = (await invite((await serviceCase()).id, clerk)).body.invitation as Invitation;
        await invite((await serviceCase()).id, clerk);
        const beforeReplaced = answer(replaced, { invitedAt: replaced.createdAt + 10, deviceTime: replaced.createdAt + 20 });
        expect((await push([beforeReplaced])).body.results[0].status).toBe('accepted');
        expect((await srv.store.getInvitation(replaced.id))!.answeredRatingId).toBe(beforeReplaced.id);
        // Two invitations that lapsed long ago (a kiosk offline since), one after the other: one shown before its
        // end, one after.
        const old = async (end: number) => {
          const sc = await serviceCase();
          const inv = {
            id: uuidv7(end - 3 * 60_000), unitId: 'demo-unit', windowId: 'demo-w1', serviceCaseId: sc.id, caseNo: sc.caseNo, serviceItemId: 'demo-item-1',
            staffId: 'demo-s1', source: 'TABLET' as const, createdBy: 'demo-s1', createdAt: end - 3 * 60_000, expiresAt: end, answeredRatingId: null, answeredAt: null, cancelledAt: null,
          };
          await srv.store.createInvitation(inv);
          return inv;
        };
        const lateEnd = Date.now() - 30 * 60_000;
        const shownLate = await old(lateEnd);
        const late = answer(shownLate, { invitedAt: lateEnd + 5 * 60_000, deviceTime: lateEnd + 5 * 60_000 + 3_000 });
        const lapsedAt = Date.now() - 10 * 60_000;
        const shownInTime = await old(lapsedAt);
        const inTime = answer(shownInTime, { invitedAt: lapsedAt - 60_000, deviceTime: lapsedAt - 50_000 });
        const results = (await push([inTime, late])).body.results;
        expect(results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
        expect((await srv.store.getInvitation(shownInTime.id))!.answeredRatingId).toBe(inTime.id);
        // Stored as sent (records are never changed), but the 办件 stays unrated and no other rating can take it.
        expect((await srv.store.getInvitation(shownLate.id))!.answeredRatingId).toBeNull();
        expect((await srv.store.getRating(late.id))!.sessionId).toBe(shownLate.id);
        expect((await push([answer(shownLate, { invitedAt: lateEnd - 1_000, deviceTime: lateEnd })])).body.results[0].error.code).toBe('INVITATION_USED');
      });

      it('gives one invitation one rating when two instances store two ratings for it at once', async () => {
        const inv = (await invite((await serviceCase()).id, await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF))).body.invitation as Invitation;
        const a = answer(inv, { level: 'SATISFIED' });
        const b = answer(inv, { level: 'VERY_SATISFIED' });
        const send = (base: string, r: RatingRecord) => api(base, 'POST', API.pushRatings.path, { headers: kiosk, body: { deviceId: DEVICE, sentAt: Date.now(), items: [r] } });
        const [ra, rb] = await Promise.all([send(srv.baseUrl, a), send(other.baseUrl, b)]);
        const statuses = [ra.body.results[0], rb.body.results[0]];
        expect(statuses.filter((s) => s.status === 'accepted')).toHaveLength(1);
        expect(statuses.filter((s) => s.error?.code === 'INVITATION_USED')).toHaveLength(1);
        const winner = statuses[0].status === 'accepted' ? a : b;
        expect((await srv.store.getInvitation(inv.id))!.answeredRatingId).toBe(winner.id);
      });
    });

    it("lists the window's 办件 of today for the kiosk's staff panel, masked, with item names in every language", async () => {
      const mine = await serviceCase();
      const w2 = await serviceCase({ windowId: 'demo-w2', staffId: 'demo-s3' });
      const yesterday = await serviceCase({ acceptedAt: Date.now() - 2 * 86_400_000 });
      const res = await fetch(`${srv.baseUrl}${API.kioskServiceCases.path}`, { headers: kiosk });
      expect(res.status).toBe(200);
      const body = await res.json();
      const ids = body.serviceCases.map((c: { id: string }) => c.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(w2.id);
      expect(ids).not.toContain(yesterday.id);
      const row = body.serviceCases.find((c: { id: string }) => c.id === mine.id);
      expect(row).toMatchObject({ rated: false, caseNo: mine.caseNo, serviceItemId: 'demo-item-1' });
      expect(Object.keys(row.serviceItemName).sort()).toEqual(['bo', 'en', 'zh-CN']);
      expect(row.caseNoMasked.endsWith(mine.caseNo.slice(-4))).toBe(true);
      expect(row.caseNoMasked).toContain('*');
    });
  });
}

describe('the invitation lapse setting', () => {
  it('is INVITATION_LAPSE_SECONDS (30–3600, three minutes by default), and the server gives invitations that lapse', async () => {
    expect(configFromEnv({}).invitationLapseMs).toBe(180_000);
    expect(configFromEnv({ INVITATION_LAPSE_SECONDS: '90' }).invitationLapseMs).toBe(90_000);
    expect(() => configFromEnv({ INVITATION_LAPSE_SECONDS: '10' })).toThrow(/30–3600/);
    expect(() => configFromEnv({ INVITATION_LAPSE_SECONDS: 'soon' })).toThrow(/whole number/);
    const srv = await startInProcessServer({ app: { invitations: { lapseMs: 90_000 } } });
    try {
      const [{ id }] = await srv.store.upsertServiceCases(
        [{ caseNo: 'LAPSE-1', serviceItemId: 'demo-item-1', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', applicantType: 'PERSON', acceptedAt: Date.now(), finishedAt: null, status: 'ACCEPTED', source: 'API' }],
        Date.now(),
      );
      const made = await api(srv.baseUrl, 'POST', API.inviteServiceCase.path.replace(':id', id), { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF) });
      expect(made.body.invitation.expiresAt - made.body.invitation.createdAt).toBe(90_000);
      // A kiosk still waiting when the server shuts down is answered at once, not after its 20 s.
      const arrived = new Promise<void>((resolve) => srv.app.server.on('request', (req) => req.url?.startsWith(API.kioskInvitation.path) && resolve()));
      const waiting = fetch(`${srv.baseUrl}${API.kioskInvitation.path}?window=demo-w1&waitMs=20000&after=${made.body.invitation.id}`).then((r) => r.json());
      await arrived;
      const started = Date.now();
      await srv.close();
      expect((await waiting).invitation).toBeNull();
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await srv.close().catch(() => {});
    }
  });
});
