import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { uuidv7 } from '../../src/domain/ids';
import { PHONE_BROWSER_HEADER } from '../../src/domain/rating-link';
import type { ServiceCaseFields } from '../../src/domain/service-case';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { startInProcessServer, tempDir, type InProcessServer } from '../support/server';

// The phone rating page's routes (issue 14) through real HTTP, on SQLite and on PostgreSQL: who may get a 办件's
// link, the same link each time, the public page and its states, one rating then a 追评 then closed, resends,
// the default 满意 counting as assessment 1, window-QR limits, refusals with codes that change nothing.

const DAY = 86_400_000;
const LIMITS = { perBrowser: { max: 2, windowMs: 60_000 }, perAddress: { max: 4, windowMs: 60_000 } };

for (const storeKind of ['sqlite', 'postgres'] as const) {
  describe(`phone rating links (${storeKind})`, () => {
    let srv: InProcessServer;
    let clerk: string;
    let admin: string;
    let n = 0;

    /** A 办件 of window 1 handled by 李明 (demo-s1), finished an hour ago. */
    async function serviceCase(patch: Partial<ServiceCaseFields> = {}) {
      const now = Date.now();
      const fields: ServiceCaseFields = {
        caseNo: `QR-${storeKind}-${++n}-${now}`,
        serviceItemId: 'demo-item-1',
        unitId: 'demo-unit',
        windowId: 'demo-w1',
        staffId: 'demo-s1',
        applicantType: 'PERSON',
        acceptedAt: now - 2 * 3_600_000,
        finishedAt: now - 3_600_000,
        status: 'FINISHED',
        source: 'API',
        ...patch,
      };
      const [written] = await srv.store.upsertServiceCases([fields], now);
      return { id: written.id, caseNo: fields.caseNo };
    }

    const linkOf = (id: string, cookie = clerk) => api(srv.baseUrl, 'POST', `/api/v1/service-cases/${id}/rating-link`, { cookie });
    const page = (token: string) => api(srv.baseUrl, 'GET', `/api/v1/r/${token}`);
    const rate = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => api(srv.baseUrl, 'POST', `/api/v1/r/${token}`, { body, headers });
    const rating = (patch: Record<string, unknown> = {}) => {
      const now = Date.now();
      return { id: uuidv7(), level: 'SATISFIED', reasons: [], locale: 'zh-CN', madeAt: now, sentAt: now, ...patch };
    };
    async function tokenOf(id: string) {
      const res = await linkOf(id);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.token as string;
    }

    beforeAll(async () => {
      const schema = storeKind === 'postgres' ? newTestSchema('hcp_qr') : null;
      srv = await startInProcessServer({ env: schema ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } : {}, app: { phone: { windowQrLimits: LIMITS } } });
      clerk = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
      admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
    });
    afterAll(async () => {
      await srv.close();
      await dropTestSchemas();
    });

    it("gives a 办件's link to its clerk, the window's lead and supervision, the same each time; others get 404", async () => {
      const sc = await serviceCase();
      const first = await linkOf(sc.id);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ kind: 'SERVICE_CASE', path: `/r/${first.body.token}`, windowNumber: '1', caseNoMasked: expect.stringMatching(/^\*+/) });
      expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.body.caseNoMasked).not.toContain(sc.caseNo);
      expect(first.body.serviceItemName['zh-CN']).toContain('企业投资项目备案');
      for (const who of [DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.LEAD, DEMO_ACCOUNTS.SUPERVISION]) {
        const again = await linkOf(sc.id, await signIn(srv.baseUrl, who));
        expect(again.status, who).toBe(200);
        expect(again.body.token, who).toBe(first.body.token);
      }
      for (const who of [DEMO_ACCOUNTS.STAFF_W2, 'D1004', DEMO_ACCOUNTS.OFFICE, DEMO_ACCOUNTS.ADMIN]) {
        const refused = await linkOf(sc.id, await signIn(srv.baseUrl, who));
        expect(refused.status, who).toBe(404);
        expect(refused.body.error.code, who).toBe('NOT_FOUND');
      }
      // Asked for at once (two tablets, a double tap): one link, no error.
      const fresh = await serviceCase();
      const together = await Promise.all([1, 2, 3, 4, 5].map(() => linkOf(fresh.id)));
      expect(together.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(together.map((r) => r.body.token)).size).toBe(1);
      const absent = await linkOf(uuidv7());
      expect([absent.status, absent.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await api(srv.baseUrl, 'POST', `/api/v1/service-cases/${sc.id}/rating-link`)).status).toBe(401);
      // The database keeps the token's hash only; the store finds the link by the token.
      const link = await srv.store.findRatingLink(first.body.token);
      expect(link).toMatchObject({ kind: 'SERVICE_CASE', serviceCaseId: sc.id, windowId: 'demo-w1', createdBy: 'demo-s1' });
    });

    it('answers an unknown or malformed token with 404 RATING_LINK_UNKNOWN, for the page and for a rating', async () => {
      for (const token of ['A'.repeat(43), 'short', '%E4%BD%A0', 'x'.repeat(90)]) {
        const res = await page(token);
        expect([res.status, res.body.error?.code], token).toEqual([404, 'RATING_LINK_UNKNOWN']);
        const posted = await rate(token, rating());
        expect([posted.status, posted.body.error?.code], token).toEqual([404, 'RATING_LINK_UNKNOWN']);
      }
    });

    it('takes one rating, then one 追评 within the period, then refuses with RATING_LINK_CLOSED', async () => {
      const sc = await serviceCase();
      const token = await tokenOf(sc.id);
      const open = await page(token);
      expect(open.status).toBe(200);
      expect(open.body).toMatchObject({ kind: 'SERVICE_CASE', state: 'OPEN', followUpUntil: null, windowNumber: '1' });
      expect(open.body.reasons.length).toBeGreaterThan(0);
      expect(JSON.stringify(open.body)).not.toContain(sc.caseNo);

      const first = rating({ level: 'DISSATISFIED', reasons: ['NOT_TOLD_AT_ONCE'], contact: { phone: '13700002222' } });
      const stored = await rate(token, first);
      expect(stored.status, JSON.stringify(stored.body)).toBe(200);
      expect(stored.body).toEqual({ status: 'stored', assessmentNo: 1 });
      const kept = await srv.store.getRating(first.id);
      expect(kept).toMatchObject({ channel: 'QR', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', caseNumber: sc.caseNo, assessmentNo: 1 });
      expect(kept!.deviceId).toMatch(/^qr-/);
      // A bad review opens its 差评 case like any other channel; the contact is stored encrypted (masked in lists).
      expect(await srv.store.getCase(first.id)).not.toBeNull();
      expect(kept!.contact?.phone).not.toBe('13700002222');

      const followUp = await page(token);
      expect(followUp.body.state).toBe('FOLLOW_UP');
      expect(followUp.body.followUpUntil).toBe(kept!.ratedAt + 30 * DAY);

      const second = rating({ level: 'VERY_SATISFIED' });
      expect((await rate(token, second)).body).toEqual({ status: 'stored', assessmentNo: 2 });
      expect((await page(token)).body.state).toBe('CLOSED');

      const before = await srv.store.countRatings();
      const third = await rate(token, rating());
      expect([third.status, third.body.error?.code]).toEqual([409, 'RATING_LINK_CLOSED']);
      expect(await srv.store.countRatings()).toBe(before);
      // Resending either of the two after closing still answers as the first time.
      expect((await rate(token, { ...first, sentAt: Date.now() })).body).toEqual({ status: 'duplicate', assessmentNo: 1 });
      expect((await rate(token, { ...second, sentAt: Date.now() })).body).toEqual({ status: 'duplicate', assessmentNo: 2 });
      expect(await srv.store.countRatings()).toBe(before);
    });

    it("flags a rating posted in a browser holding the rated clerk's own session (STAFF_SIGNED_IN), not one holding another's", async () => {
      const supervision = await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION);
      const lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
      const own = rating();
      const other = rating();
      const from = Date.now() - 60_000;
      expect((await api(srv.baseUrl, 'POST', `/api/v1/r/${await tokenOf((await serviceCase()).id)}`, { body: own, cookie: clerk })).body.status).toBe('stored');
      expect((await api(srv.baseUrl, 'POST', `/api/v1/r/${await tokenOf((await serviceCase()).id)}`, { body: other, cookie: lead })).body.status).toBe('stored');
      const listed = await api(srv.baseUrl, 'GET', `${API.flaggedRatings.path}?from=${from}&to=${Date.now() + 60_000}`, { cookie: supervision });
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      const codes = new Map<string, string[]>(listed.body.items.map((i: { rating: { id: string }; flags: { code: string }[] }) => [i.rating.id, i.flags.map((f) => f.code)]));
      expect(codes.get(own.id)).toEqual(['STAFF_SIGNED_IN']);
      expect(codes.has(other.id)).toBe(false);
    });

    it('stores a resend once (duplicate, same answer), corrects the phone clock by sentAt, and tells a changed resend', async () => {
      const sc = await serviceCase();
      const token = await tokenOf(sc.id);
      const skew = 5 * 60_000; // the phone's clock runs 5 minutes fast
      const now = Date.now();
      const body = rating({ madeAt: now + skew - 2_000, sentAt: now + skew });
      expect((await rate(token, body)).body).toEqual({ status: 'stored', assessmentNo: 1 });
      const count = await srv.store.countRatings();
      const again = await rate(token, { ...body, sentAt: Date.now() + skew + 1_000 });
      expect(again.body).toEqual({ status: 'duplicate', assessmentNo: 1 });
      expect(await srv.store.countRatings()).toBe(count);
      const kept = await srv.store.getRating(body.id as string);
      expect(Math.abs(kept!.ratedAt - (now - 2_000))).toBeLessThan(2_000);
      const changed = await rate(token, { ...body, level: 'VERY_SATISFIED' });
      expect([changed.status, changed.body.error?.code]).toEqual([409, 'ID_CONFLICT']);
    });

    it('counts a default 满意 as assessment 1: a phone rating after it is the 追评', async () => {
      const sc = await serviceCase();
      const due = Date.now() - DAY;
      // The default job's own write (sync-server/defaults): channel DEFAULT, made at the due instant.
      const made = await srv.store.insertDefaultRatings([{ id: uuidv7(due), unitId: 'demo-unit', caseNo: sc.caseNo, windowId: 'demo-w1', staffId: 'demo-s1', dueAt: due }], due);
      expect(made).toHaveLength(1);
      expect((await srv.store.listServiceCaseRatings('demo-unit', sc.caseNo)).map((r) => r.channel)).toEqual(['DEFAULT']);
      const token = await tokenOf(sc.id);
      const shown = await page(token);
      expect(shown.body.state).toBe('FOLLOW_UP');
      expect(shown.body.followUpUntil).toBe(due + 30 * DAY);
      expect((await rate(token, rating({ level: 'BASICALLY_SATISFIED' }))).body).toEqual({ status: 'stored', assessmentNo: 2 });
      expect((await page(token)).body.state).toBe('CLOSED');
    });

    it('closes the link once the 追评 period after assessment 1 is over', async () => {
      const sc = await serviceCase();
      const token = await tokenOf(sc.id);
      const longAgo = Date.now() - 31 * DAY;
      expect((await rate(token, rating({ madeAt: longAgo, sentAt: Date.now() }))).body).toEqual({ status: 'stored', assessmentNo: 1 });
      const shown = await page(token);
      const kept = (await srv.store.listServiceCaseRatings('demo-unit', sc.caseNo))[0];
      expect(kept.ratedAt).toBeLessThan(longAgo + 5_000);
      expect(shown.body).toMatchObject({ state: 'CLOSED', followUpUntil: kept.ratedAt + 30 * DAY });
      const late = await rate(token, rating());
      expect([late.status, late.body.error?.code]).toEqual([409, 'RATING_LINK_CLOSED']);
    });

    it('refuses bad input with 400 and a code, changing nothing', async () => {
      const sc = await serviceCase();
      const token = await tokenOf(sc.id);
      const before = await srv.store.countRatings();
      const bad: [Record<string, unknown>, string][] = [
        [rating({ level: 'GREAT' }), 'VALIDATION_FAILED'],
        [rating({ level: 'DISSATISFIED', reasons: [] }), 'VALIDATION_FAILED'],
        [rating({ level: 'SATISFIED', reasons: ['NOT_TOLD_AT_ONCE'] }), 'VALIDATION_FAILED'],
        [rating({ madeAt: Date.now() + 60_000 }), 'VALIDATION_FAILED'],
        [rating({ id: 'not-a-uuid' }), 'VALIDATION_FAILED'],
        [rating({ extra: true }), 'VALIDATION_FAILED'],
        [rating({ contact: { phone: '123' } }), 'VALIDATION_FAILED'],
        [rating({ level: 'DISSATISFIED', reasons: ['NO_SUCH_REASON'] }), 'UNKNOWN_REASON'],
      ];
      for (const [body, code] of bad) {
        const res = await rate(token, body);
        expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(body)).toBeLessThan(500);
        expect(res.body.error.code, JSON.stringify(body)).toBe(code);
      }
      const notJson = await api(srv.baseUrl, 'POST', `/api/v1/r/${token}`, { raw: '{"id":', headers: { 'content-type': 'application/json' } });
      expect([notJson.status, notJson.body.error.code]).toEqual([400, 'BAD_JSON']);
      expect(await srv.store.countRatings()).toBe(before);
      expect((await page(token)).body.state).toBe('OPEN');
    });

    it('makes a window QR for the catalogue administrator only, and limits its ratings per browser and per address', async () => {
      const made = await api(srv.baseUrl, 'POST', '/api/v1/admin/windows/demo-w2/rating-link', { cookie: admin });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      expect(made.body).toMatchObject({ kind: 'WINDOW', windowNumber: '2', serviceItemName: null, caseNoMasked: null });
      expect((await api(srv.baseUrl, 'POST', '/api/v1/admin/windows/demo-w2/rating-link', { cookie: admin })).body.token).toBe(made.body.token);
      expect((await api(srv.baseUrl, 'POST', '/api/v1/admin/windows/demo-w2/rating-link', { cookie: clerk })).status).toBe(403);
      expect((await api(srv.baseUrl, 'POST', '/api/v1/admin/windows/nope/rating-link', { cookie: admin })).status).toBe(404);
      const token = made.body.token as string;
      expect((await page(token)).body).toMatchObject({ kind: 'WINDOW', state: 'OPEN', caseNoMasked: null });

      const browser = (b: string) => ({ [PHONE_BROWSER_HEADER]: `browser-${b}-${storeKind}`.padEnd(20, '0') });
      const noHeader = await rate(token, rating());
      expect([noHeader.status, noHeader.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const firstOfA = rating();
      expect((await rate(token, firstOfA, browser('a'))).body).toEqual({ status: 'stored', assessmentNo: 1 });
      const stored = await srv.store.getRating(firstOfA.id);
      expect(stored).toMatchObject({ channel: 'QR', windowId: 'demo-w2' });
      expect(stored!.caseNumber).toBeUndefined();
      expect(stored!.staffId).toBeUndefined();
      expect((await rate(token, rating(), browser('a'))).status).toBe(200);
      const limited = await rate(token, rating(), browser('a'));
      expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // A resend of a stored rating is not a new attempt: answered, not limited.
      expect((await rate(token, { ...firstOfA, sentAt: Date.now() }, browser('a'))).body).toEqual({ status: 'duplicate', assessmentNo: 1 });
      // Another browser at the same address, until the address's limit.
      expect((await rate(token, rating(), browser('b'))).status).toBe(200);
      expect((await rate(token, rating(), browser('b'))).status).toBe(200);
      const byAddress = await rate(token, rating(), browser('c'));
      expect([byAddress.status, byAddress.body.error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(byAddress.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
}

describe('the phone page entry', () => {
  it('is served for /r/* (its own HTML, with the security headers), the app for other paths, 404 JSON for the API', async () => {
    const dist = tempDir('phone-static');
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'r.html'), '<!doctype html><main id="phone"></main>');
    const srv = await startInProcessServer({ app: { staticDir: dist } });
    try {
      const phonePage = await fetch(`${srv.baseUrl}/r/${'A'.repeat(43)}`);
      expect(await phonePage.text()).toContain('id="phone"');
      expect(phonePage.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(phonePage.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await (await fetch(`${srv.baseUrl}/staff`)).text()).toContain('id="root"');
      expect(await (await fetch(`${srv.baseUrl}/read-me`)).text()).toContain('id="root"');
      const api404 = await fetch(`${srv.baseUrl}/api/v1/r/x/y`);
      expect([api404.status, (await api404.json()).error.code]).toEqual([404, 'NOT_FOUND']);
    } finally {
      await srv.close();
    }
  });
});
