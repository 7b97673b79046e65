import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, buildPath } from '../../src/domain/endpoints';
import type { RatingRecord } from '../../src/domain/rating';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

// Public disclosure's data side (issue 16) through real HTTP on SQLite and PostgreSQL: a kiosk rating whose
// evaluator allowed publication waits for the lead of its window and the office (not another window's lead); the
// preview and the approved text hold none of the phone, ID, e-mail, plate, names or 办件编号 seeded in the comment and
// the contact; without consent or with the unit's disclosure off nothing is listed and a decision is refused; an
// approval can be withdrawn; the audit log carries the verdict, never the text; other roles get 403.

const CASE_NO = 'QH2026000123';
const SECRETS = ['138 1234 5678', '110101199003077777', 'zhangsan@example.com', '青A12345', CASE_NO, '张三', '青海某某商贸公司', '李明'];
const COMMENT = `我是张三，电话 138 1234 5678，身份证 110101199003077777，邮箱 zhangsan@example.com，车牌 青A12345，办件编号 ${CASE_NO}，青海某某商贸公司的。窗口李明态度很差，让我等了两个小时。`;
const STILL_THERE = '让我等了两个小时';
// A window QR rating names its browser (rating-links: limits per browser).
const PHONE = { 'x-rating-browser': 'browser-disclosure-0001' };

for (const storeKind of ['sqlite', 'postgres'] as const) {
  describe(`comment approval for /public (${storeKind})`, () => {
    let srv: InProcessServer;
    let lead: string;
    let leadW2: string;
    let office: string;
    let admin: string;
    const others: Record<string, string> = {};
    const consenting = badRating({ comment: COMMENT, caseNumber: CASE_NO, publishComment: true, contact: { name: '张三', phone: '13812345678', company: '青海某某商贸公司' } });
    const privateOne = badRating({ comment: '电话 13900001111，没有同意公开' });
    const goodOne = demoRating({ level: 'SATISFIED', comment: '很好', publishComment: true });

    const push = (items: RatingRecord[]) => api(srv.baseUrl, 'POST', API.pushRatings.path, { body: { deviceId: 'dev-test-0001', sentAt: Date.now(), items } });
    const list = (cookie: string) => api(srv.baseUrl, 'GET', API.commentPublications.path, { cookie });
    const decide = (cookie: string, id: string, body: unknown) => api(srv.baseUrl, 'POST', buildPath(API.decideCommentPublication.path, { id }), { cookie, body });
    const setDisclosure = (on: boolean) => api(srv.baseUrl, 'PATCH', buildPath(API.updateUnit.path, { id: 'demo-unit' }), { cookie: admin, body: { disclosure: on } });
    const waitingIds = async (cookie: string) => {
      const res = await list(cookie);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.waiting.map((i: { ratingId: string }) => i.ratingId) as string[];
    };

    beforeAll(async () => {
      const schema = storeKind === 'postgres' ? newTestSchema('hcp_disclose') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      // Window 2 gets a lead of its own: the one who must not see window 1's comments.
      await srv.store.updateAccount('demo-s3', { roles: ['STAFF', 'LEAD'] });
      [lead, leadW2, office, admin, others.staff, others.personnel, others.supervision] = await Promise.all(
        [DEMO_ACCOUNTS.LEAD, DEMO_ACCOUNTS.STAFF_W2, DEMO_ACCOUNTS.OFFICE, DEMO_ACCOUNTS.ADMIN, DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.PERSONNEL, DEMO_ACCOUNTS.SUPERVISION].map((n) =>
          signIn(srv.baseUrl, n),
        ),
      );
      const res = await push([consenting, privateOne, goodOne]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    });
    afterAll(async () => {
      await srv.close();
      await dropTestSchemas();
    });

    it('lists a consenting bad review for the lead of its window and the office, scrubbed, never for another window', async () => {
      expect(await waitingIds(lead)).toEqual([consenting.id]);
      expect(await waitingIds(office)).toEqual([consenting.id]);
      expect(await waitingIds(leadW2)).toEqual([]);
      const res = await list(lead);
      const [item] = res.body.waiting;
      expect(item).toMatchObject({ level: 'DISSATISFIED', reasons: ['ATTITUDE'], windowId: 'demo-w1', decision: null });
      expect(item.preview).toContain(STILL_THERE);
      for (const secret of SECRETS) expect(item.preview).not.toContain(secret);
      // Nothing of the evaluator or the raw comment in the answer at all.
      const text = JSON.stringify(res.body);
      for (const secret of [...SECRETS, '13812345678', '138****5678']) expect(text).not.toContain(secret);
      expect(res.body.refs.windows.map((w: { id: string }) => w.id)).toEqual(['demo-w1']);
    });

    it('answers 403 to staff, personnel, supervision and the administrator, 401 without a session', async () => {
      for (const cookie of [others.staff, others.personnel, others.supervision, admin]) {
        expect((await list(cookie)).status).toBe(403);
        expect((await decide(cookie, consenting.id, { verdict: 'APPROVED' })).status).toBe(403);
      }
      expect((await api(srv.baseUrl, 'GET', API.commentPublications.path)).status).toBe(401);
    });

    it('refuses a comment without consent, a good rating, another window, an unknown id and text from the client', async () => {
      expect((await decide(lead, privateOne.id, { verdict: 'APPROVED' })).body.error.code).toBe('COMMENT_NOT_PUBLISHABLE');
      expect((await decide(lead, goodOne.id, { verdict: 'APPROVED' })).body.error.code).toBe('COMMENT_NOT_PUBLISHABLE');
      const other = await decide(leadW2, consenting.id, { verdict: 'APPROVED' });
      expect([other.status, other.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await decide(lead, demoRating().id, { verdict: 'APPROVED' })).status).toBe(404);
      const forged = await decide(lead, consenting.id, { verdict: 'APPROVED', scrubbedText: 'anything I like' });
      expect([forged.status, forged.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await decide(lead, consenting.id, { verdict: 'MAYBE' })).status).toBe(400);
      expect((await decide(lead, 'not-an-id', { verdict: 'APPROVED' })).status).toBe(400);
      expect((await srv.store.getCommentForPublication(consenting.id))?.decision).toBeNull();
    });

    it('lists nothing of a unit with disclosure off and refuses its decision; the switch is audited', async () => {
      expect((await setDisclosure(false)).status).toBe(200);
      expect((await srv.store.loadCatalog()).units[0].disclosure).toBeUndefined();
      expect(await waitingIds(office)).toEqual([]);
      const res = await decide(office, consenting.id, { verdict: 'APPROVED' });
      expect([res.status, res.body.error.code]).toEqual([409, 'DISCLOSURE_OFF']);
      const switched = await setDisclosure(true);
      expect(switched.body.disclosure).toBe(true);
      const entries = await srv.store.listAudit({ limit: 20 });
      const unitChanges = entries.filter((e) => e.action === 'catalog.unit.update' && e.targetId === 'demo-unit').map((e) => e.detail);
      expect(unitChanges.slice(0, 2)).toEqual([{ fields: ['disclosure'], disclosure: true }, { fields: ['disclosure'], disclosure: false }]);
    });

    it('approves the scrubbed text the server makes, once; a withdrawal declines it and keeps no text', async () => {
      const approved = await decide(lead, consenting.id, { verdict: 'APPROVED' });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.decision).toMatchObject({ verdict: 'APPROVED', by: 'demo-s2' });
      const stored = (await srv.store.getCommentForPublication(consenting.id))!.decision!;
      expect(stored.scrubbedText).toBe(approved.body.decision.scrubbedText);
      expect(stored.scrubbedText).toContain(STILL_THERE);
      for (const secret of SECRETS) expect(stored.scrubbedText).not.toContain(secret);
      // Decided: gone from the waiting list, in the decided one; a second approval is refused.
      expect(await waitingIds(office)).toEqual([]);
      const decided = (await list(office)).body.decided;
      expect(decided.map((i: { ratingId: string; preview: string }) => [i.ratingId, i.preview])).toEqual([[consenting.id, stored.scrubbedText]]);
      expect((await decide(office, consenting.id, { verdict: 'APPROVED' })).body.error.code).toBe('PUBLICATION_DECIDED');

      const withdrawn = await decide(office, consenting.id, { verdict: 'DECLINED' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.decision).toMatchObject({ verdict: 'DECLINED', scrubbedText: null, by: 'demo-office' });
      expect((await srv.store.getCommentForPublication(consenting.id))!.decision).toMatchObject({ verdict: 'DECLINED', scrubbedText: null });
      // Declined stays declined.
      expect((await decide(lead, consenting.id, { verdict: 'APPROVED' })).body.error.code).toBe('PUBLICATION_DECIDED');
      expect((await decide(lead, consenting.id, { verdict: 'DECLINED' })).body.error.code).toBe('PUBLICATION_DECIDED');

      const audit = (await srv.store.listAudit({ limit: 50 })).filter((e) => e.action === 'comment.publish');
      expect(audit.map((e) => [e.actorId, (e.detail as { verdict: string }).verdict, (e.detail as { previous: string | null }).previous])).toEqual([
        ['demo-office', 'DECLINED', 'APPROVED'],
        ['demo-s2', 'APPROVED', null],
      ]);
      const logged = JSON.stringify(audit);
      for (const fragment of [...SECRETS, STILL_THERE]) expect(logged).not.toContain(fragment);
    });

    it('a decline of a waiting comment keeps no text; a second approver racing the first is told', async () => {
      const second = badRating({ comment: '第二条意见，可以公开', publishComment: true });
      expect((await push([second])).body.results[0].status).toBe('accepted');
      const [a, b] = await Promise.all([decide(lead, second.id, { verdict: 'DECLINED' }), decide(office, second.id, { verdict: 'APPROVED' })]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const decision = (await srv.store.getCommentForPublication(second.id))!.decision!;
      expect(decision.scrubbedText === null).toBe(decision.verdict === 'DECLINED');
    });

    it('waits for a phone-page rating whose evaluator allowed publication, and keeps a private one out', async () => {
      const link = await api(srv.baseUrl, 'POST', buildPath(API.windowRatingLink.path, { id: 'demo-w2' }), { cookie: admin });
      expect(link.status, JSON.stringify(link.body)).toBe(200);
      const now = Date.now();
      const body = (id: string, extra: Record<string, unknown>) => ({ id, level: 'VERY_DISSATISFIED', reasons: ['EFFICIENCY'], comment: '电话 13900002222 打不通', locale: 'zh-CN', madeAt: now, sentAt: now, ...extra });
      const allowed = demoRating().id;
      const kept = demoRating().id;
      for (const [id, extra] of [[allowed, { publishComment: true }], [kept, {}]] as const) {
        const res = await api(srv.baseUrl, 'POST', `/api/v1/r/${link.body.token}`, { body: body(id, extra), headers: PHONE });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      const waiting = (await list(leadW2)).body.waiting;
      expect(waiting.map((i: { ratingId: string }) => i.ratingId)).toEqual([allowed]);
      expect(waiting[0]).toMatchObject({ channel: 'QR', level: 'VERY_DISSATISFIED', windowId: 'demo-w2' });
      expect(waiting[0].preview).not.toContain('13900002222');
      expect(await waitingIds(lead)).not.toContain(allowed);
      // Consent without a comment is refused by the page's route like any invalid rating.
      const bare = await api(srv.baseUrl, 'POST', `/api/v1/r/${link.body.token}`, { body: { ...body(demoRating().id, { publishComment: true }), comment: undefined }, headers: PHONE });
      expect(bare.status).toBe(400);
    });

    it('judges a replay with another consent a conflict, and an explicit false the same record as none', async () => {
      const old = badRating({ comment: '旧版本的记录' });
      expect((await push([old])).body.results[0].status).toBe('accepted');
      expect((await push([{ ...old, publishComment: false }])).body.results[0].status).toBe('duplicate');
      expect((await push([{ ...old, publishComment: true }])).body.results[0].status).toBe('conflict');
      expect((await push([{ ...consenting }])).body.results[0].status).toBe('duplicate');
      expect((await push([{ ...consenting, publishComment: undefined }])).body.results[0].status).toBe('conflict');
      // Consent without a comment is no valid record.
      const bare = await push([badRating({ comment: undefined, publishComment: true })]);
      expect(bare.body.results[0].status).toBe('invalid');
    });

    it('never lets a lead decide a review of themselves: the office does', async () => {
      const ofTheLead = badRating({ comment: '王芳态度差', staffId: 'demo-s2', publishComment: true });
      expect((await push([ofTheLead])).body.results[0].status).toBe('accepted');
      expect(await waitingIds(lead)).not.toContain(ofTheLead.id);
      expect(await waitingIds(office)).toContain(ofTheLead.id);
      const own = await decide(lead, ofTheLead.id, { verdict: 'DECLINED' });
      expect([own.status, own.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await srv.store.getCommentForPublication(ofTheLead.id))?.decision).toBeNull();
      expect((await decide(office, ofTheLead.id, { verdict: 'DECLINED' })).status).toBe(200);
    });
  });
}
