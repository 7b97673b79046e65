import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paperRecordFromForm, EMPTY_PAPER_FORM, type PaperFormValues } from '../../src/domain/paper-form';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { DEMO_DEVICE } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const OTHER_PNG = Buffer.concat([PNG, Buffer.from([0])]);

const form = (over: Partial<PaperFormValues> = {}): PaperFormValues => ({
  ...EMPTY_PAPER_FORM,
  caseNumber: 'QH-2026-000123',
  serviceItemId: 'demo-item-1',
  windowId: 'demo-w1',
  staffId: 'demo-s1',
  serviceDate: '2026-11-20',
  level: 'DISSATISFIED',
  reasons: ['NOT_TOLD_AT_ONCE'],
  evaluatorName: '马六',
  evaluatorPhone: '13700001111',
  hasPhoto: true,
  ...over,
});
const paper = (over: Partial<PaperFormValues> = {}, enteredBy = 'demo-s2') =>
  paperRecordFromForm(form(over), { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy, locale: 'zh-CN' });

let srv: InProcessServer;
let lead: string;
beforeEach(async () => {
  srv = await startInProcessServer();
  lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
});
afterEach(async () => {
  await srv.close();
});

/** The second clerk of window 1 (卓玛, D1004): the one who may check what the lead typed about 李明. */
const clerk4 = () => signIn(srv.baseUrl, 'D1004');
const confirmCheck = (id: string, cookie: string) => api(srv.baseUrl, 'POST', `/api/v1/forms/checks/${id}/confirm`, { cookie });
const checks = (cookie: string) => api(srv.baseUrl, 'GET', '/api/v1/forms/checks', { cookie });

const push = (ratings: unknown[], cookie = lead) => api(srv.baseUrl, 'POST', '/api/v1/sync/paper', { cookie, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings } });
const putPhoto = (id: string, bytes: Buffer, cookie = lead, type = 'image/png') =>
  api(srv.baseUrl, 'PUT', `/api/v1/sync/paper/${id}/photo`, { cookie, raw: bytes, headers: { 'content-type': type } });

describe('paper forms', () => {
  it('are stored as PAPER ratings with their details, and their photo follows', async () => {
    const r = paper();
    expect(r.paper?.enteredBy).toBe('demo-s2');
    expect((await putPhoto(r.id, PNG)).status).toBe(404); // the photo waits for its record
    const res = await push([r]);
    expect(res.body.results[0].status).toBe('accepted');
    expect((await confirmCheck(r.id, await clerk4())).status).toBe(200);
    const [stored] = await srv.store.listRatings(0, 5);
    expect(stored).toMatchObject({ channel: 'PAPER', caseNumber: 'QH-2026-000123', staffId: 'demo-s1', paper: { serviceItemId: 'demo-item-1', serviceDate: '2026-11-20', enteredBy: 'demo-s2', hasPhoto: true } });
    expect((await putPhoto(r.id, PNG)).body.status).toBe('stored');
    expect((await putPhoto(r.id, PNG)).body.status).toBe('duplicate');
    expect((await putPhoto(r.id, OTHER_PNG)).body.error.code).toBe('PHOTO_CONFLICT');
    expect((await srv.store.getRatingPhoto(r.id))!.bytes.equals(PNG)).toBe(true);
  });

  it('open a bad-review case like any channel: real-name with a phone, anonymous without one', async () => {
    const named = paper();
    const anonymous = paper({ evaluatorName: '', evaluatorPhone: '' });
    const good = paper({ level: 'SATISFIED', reasons: [] });
    await push([named, anonymous, good]);
    const checker = await clerk4();
    for (const r of [named, anonymous, good]) expect((await confirmCheck(r.id, checker)).status).toBe(200);
    const res = await api(srv.baseUrl, 'GET', '/api/v1/cases', { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF) });
    const cases = res.body.cases as { facts: { id: string; anonymous: boolean; staffId: string }; rating: { channel: string } }[];
    expect(cases.map((c) => c.facts.id).sort()).toEqual([named.id, anonymous.id].sort());
    expect(cases.find((c) => c.facts.id === named.id)).toMatchObject({ facts: { anonymous: false, staffId: 'demo-s1' }, rating: { channel: 'PAPER' } });
    expect(cases.find((c) => c.facts.id === anonymous.id)!.facts.anonymous).toBe(true);
  });

  it('show their photo only to those who handle the rating, and log it', async () => {
    const r = paper();
    await push([r]);
    await putPhoto(r.id, PNG);
    await confirmCheck(r.id, await clerk4());
    const asStaff = await api(srv.baseUrl, 'POST', `/api/v1/ratings/${r.id}/photo`, { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF) });
    expect(asStaff.status).toBe(200);
    expect(asStaff.headers.get('content-type')).toBe('image/png');
    const office = await api(srv.baseUrl, 'POST', `/api/v1/ratings/${r.id}/photo`, { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.OFFICE) });
    expect(office.status).toBe(403);
    const other = await api(srv.baseUrl, 'POST', `/api/v1/ratings/${r.id}/photo`, { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2) });
    expect(other.status).toBe(404);
    const item = (await api(srv.baseUrl, 'GET', '/api/v1/ratings', { cookie: lead })).body.items[0];
    expect(item.paper).toEqual({ serviceItemId: 'demo-item-1', serviceDate: '2026-11-20', hasPhoto: true, canSeePhoto: true });
    const audit = (await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION) })).body.entries;
    expect(audit.some((e: { action: string; targetId: string }) => e.action === 'photo.reveal' && e.targetId === r.id)).toBe(true);
  });

  it('refuse what the sender may not send, item by item', async () => {
    const notMine = paper({}, 'demo-s1');
    const unknownItem = paper({ serviceItemId: 'nope' });
    // A tablet from before the check step may still queue a record naming its checker: never the typist.
    const queued = paper();
    const selfChecked = { ...queued, paper: { ...queued.paper!, checkedBy: 'demo-s2' } };
    const kioskRating = { ...paper(), channel: 'HALL_TABLET', paper: undefined };
    const res = await push([notMine, unknownItem, selfChecked, kioskRating]);
    expect(res.body.results.map((r: { error: { code: string } }) => r.error.code)).toEqual(['ENTERED_BY_MISMATCH', 'UNKNOWN_SERVICE_ITEM', 'VALIDATION_FAILED', 'NOT_PAPER']);
    expect(await srv.store.countRatings()).toBe(0);
    // and kiosks may not send paper forms through their route
    const viaKiosk = await api(srv.baseUrl, 'POST', '/api/v1/sync/ratings', { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [paper()] } });
    expect(viaKiosk.body.results[0].error.code).toBe('PAPER_NEEDS_SIGN_IN');
  });

  it('refuse a photo that is not an image, too large, or for a form sent without one', async () => {
    const r = paper();
    const without = paper({ hasPhoto: false, caseNumber: 'QH-2' });
    await push([r, without]);
    expect((await putPhoto(r.id, Buffer.from('not an image'))).body.error.code).toBe('NOT_AN_IMAGE');
    expect((await putPhoto(r.id, PNG, lead, 'image/gif')).status).toBe(415);
    expect((await putPhoto(r.id, Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]))).status).toBe(413);
    expect((await putPhoto(without.id, PNG)).body.error.code).toBe('NO_PHOTO_EXPECTED');
    expect(await srv.store.getRatingPhoto(r.id)).toBeNull();
  });

  it('find the same form entered before: same case, level and evaluator', async () => {
    await push([paper()]);
    const check = (body: unknown) => api(srv.baseUrl, 'POST', '/api/v1/forms/duplicate-check', { cookie: lead, body });
    const same = await check({ caseNumber: 'QH-2026-000123', level: 'DISSATISFIED', contact: { name: '马六', phone: '13700001111' } });
    expect(same.body.matches).toHaveLength(1);
    expect(JSON.stringify(same.body)).not.toContain('13700001111');
    expect((await check({ caseNumber: 'QH-2026-000123', level: 'DISSATISFIED', contact: { name: '马六', phone: '13700002222' } })).body.matches).toHaveLength(0);
    expect((await check({ caseNumber: 'QH-2026-000123', level: 'SATISFIED', contact: { name: '马六', phone: '13700001111' } })).body.matches).toHaveLength(0);
    expect((await check({ caseNumber: '', level: 'SATISFIED' })).status).toBe(400);
  });

  it("are typed in for the typist's own window only, and never rate the typist", async () => {
    const otherWindow = paper({ windowId: 'demo-w2', staffId: 'demo-s3' });
    const ratesSelf = paper({ staffId: 'demo-s2', level: 'VERY_SATISFIED', reasons: [] });
    const fine = paper();
    const res = await push([otherWindow, ratesSelf, fine]);
    expect(res.body.results.map((r: { status: string; error?: { code: string } }) => [r.status, r.error?.code])).toEqual([
      ['invalid', 'NOT_YOUR_WINDOW'],
      ['invalid', 'RATES_SELF'],
      ['accepted', undefined],
    ]);
    // A clerk of window 2 may not type a form for window 1 either.
    const w2 = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2);
    expect((await push([paper({}, 'demo-s3')], w2)).body.results[0].error.code).toBe('NOT_YOUR_WINDOW');
  });

  it('count only once another person of the window confirms them: no list, export or case before', async () => {
    const bad = paper();
    // A tablet that queued a form before the check step still delivers it; the checker it names is not taken.
    const claimed = { ...paper({ caseNumber: 'QH-2026-000124' }), paper: { ...paper().paper!, checkedBy: 'demo-s4' } };
    expect((await push([bad, claimed])).body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await srv.store.countRatings()).toBe(2);
    expect(await srv.store.listRatings(0, 10)).toEqual([]);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/ratings', { cookie: lead })).body.items).toEqual([]);
    const rated = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/cases', { cookie: rated })).body.cases).toEqual([]);

    // The typist sees both waiting; neither the typist, the person rated nor another window may check them.
    const mine = (await checks(lead)).body;
    expect(mine.mine.map((i: { id: string }) => i.id)).toEqual([bad.id, claimed.id]);
    expect(mine.toCheck).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain('13700001111');
    expect((await confirmCheck(bad.id, lead)).body.error.code).toBe('CHECKER_IS_TYPIST');
    expect((await checks(rated)).body.toCheck).toEqual([]);
    expect((await confirmCheck(bad.id, rated)).body.error.code).toBe('CHECKER_IS_RATED');
    const w2 = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2);
    expect((await checks(w2)).body.toCheck).toEqual([]);
    expect((await confirmCheck(bad.id, w2)).status).toBe(404);

    // Another clerk of window 1 checks one: from then on it counts, and its case opens for the person rated.
    const checker = await clerk4();
    const waiting = (await checks(checker)).body;
    expect(waiting.toCheck.map((i: { id: string }) => i.id)).toEqual([bad.id, claimed.id]);
    expect(waiting.toCheck[0]).toMatchObject({ caseNumber: 'QH-2026-000123', staffId: 'demo-s1', enteredBy: 'demo-s2', level: 'DISSATISFIED', contact: { phone: '137****1111' } });
    const done = await confirmCheck(bad.id, checker);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: bad.id, checkedBy: 'demo-s4' });
    expect((await confirmCheck(bad.id, checker)).status).toBe(200); // a repeated tap changes nothing
    expect((await srv.store.listRatings(0, 10)).map((r) => [r.id, r.paper?.checkedBy])).toEqual([[bad.id, 'demo-s4']]);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/cases', { cookie: rated })).body.cases.map((c: { facts: { id: string } }) => c.facts.id)).toEqual([bad.id]);
    expect((await checks(lead)).body.mine.map((i: { id: string }) => i.id)).toEqual([claimed.id]);
    const audit = (await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION) })).body.entries;
    expect(audit.filter((e: { action: string }) => e.action === 'paper.check')).toMatchObject([{ actorId: 'demo-s4', targetId: bad.id }]);
  });

  it("tell about duplicates only within the person's own window, a limited number of times, and log each check", async () => {
    await push([paper()]);
    const body = { caseNumber: 'QH-2026-000123', level: 'DISSATISFIED', contact: { name: '马六', phone: '13700001111' } };
    const w2 = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2);
    const fromOtherWindow = await api(srv.baseUrl, 'POST', '/api/v1/forms/duplicate-check', { cookie: w2, body });
    expect(fromOtherWindow.status).toBe(200);
    expect(fromOtherWindow.body.matches).toEqual([]);
    const audit = (await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION) })).body.entries;
    const logged = audit.filter((e: { action: string }) => e.action === 'paper.duplicate-check');
    expect(logged).toMatchObject([{ actorId: 'demo-s3', targetId: 'demo-w2', detail: { caseNumber: 'QH-2026-000123', phone: true, matches: 0 } }]);
    expect(JSON.stringify(logged)).not.toContain('13700001111');
    let answer = fromOtherWindow;
    for (let i = 1; i <= 30 && answer.status === 200; i++) answer = await api(srv.baseUrl, 'POST', '/api/v1/forms/duplicate-check', { cookie: w2, body });
    expect(answer.status).toBe(429);
    expect(answer.body.error.code).toBe('RATE_LIMITED');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    // The limit is per person: the lead of window 1 still checks, and finds the form.
    expect((await api(srv.baseUrl, 'POST', '/api/v1/forms/duplicate-check', { cookie: lead, body })).body.matches).toHaveLength(1);
  });

  it('give the form its unit catalogue to work offline', async () => {
    const config = (await api(srv.baseUrl, 'GET', '/api/v1/forms/config', { cookie: lead })).body;
    expect(config.unit.id).toBe('demo-unit');
    expect(config.serviceItems.map((i: { code: string }) => i.code)).toEqual(['DEMO-001', 'DEMO-002', 'DEMO-003']);
    expect(config.staff.map((s: { employeeNo: string }) => s.employeeNo)).toContain('D2001');
  });
});
