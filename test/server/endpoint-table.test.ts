import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, buildPath, ENDPOINTS, findEndpoint, IMAGE, type Endpoint } from '../../src/domain/endpoints';
import { monthOfCst, monthRangeCst } from '../../src/domain/figures/month';
import { addMonths } from '../../src/domain/figures/month-close';
import { quarterOfCst } from '../../src/domain/figures/quarter';
import { paperRecordFromForm, EMPTY_PAPER_FORM } from '../../src/domain/paper-form';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { openCaseStream } from '../support/live-stream';
import { responseIssues } from '../support/response-check';
import { startInProcessServer, type InProcessServer } from '../support/server';
import { uuidv7 } from '../../src/domain/ids';
import { setDisclosure } from '../support/public-seed';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const NEW_PASSWORD = 'Kx7-walnut-harbour';
const key = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

let srv: InProcessServer;
beforeAll(async () => {
  srv = await startInProcessServer();
});
afterAll(async () => {
  await srv.close(); // fails if any answer below did not match its schema
});

describe('the endpoint table (src/domain/endpoints.ts)', () => {
  it('names every route the server registers, and the server registers every entry', () => {
    // app.apiRoutes is collected by the onRoute hook (sync-server/auth/access.ts) as each route is registered.
    const registered = new Set(srv.app.apiRoutes.map((r) => key({ method: r.method, path: r.url })));
    const table = new Set(ENDPOINTS.map(key));
    expect([...registered].filter((r) => !table.has(r))).toEqual([]);
    expect([...table].filter((r) => !registered.has(r))).toEqual([]);
    expect(table.size).toBe(ENDPOINTS.length); // no entry twice
  });

  it('finds the entry of a concrete path, literal segments before parameters', () => {
    expect(findEndpoint('GET', '/api/v1/cases/summary')).toBe(API.caseSummary);
    expect(findEndpoint('post', '/api/v1/ratings/0193a1b2-0000-7000-8000-000000000000/contact?x=1')).toBe(API.revealContact);
    expect(findEndpoint('GET', '/api/v1/ratings?limit=5&before=9')).toBe(API.ratings);
    expect(findEndpoint('DELETE', '/api/v1/ratings')).toBeUndefined();
  });

  it('tells an answer that drifted from its schema', () => {
    expect(responseIssues(API.caseSummary, { open: 1, overdue: 0, latestReceivedAt: null })).toEqual([]);
    expect(responseIssues(API.caseSummary, { open: '1', overdue: 0, latestReceivedAt: null })).not.toEqual([]);
    expect(responseIssues(API.health, { status: 'ok', version: '1' })).not.toEqual([]); // serverTime gone
  });

  it('matches the real answers of every JSON route', async () => {
    const call = (method: string, path: string, opts: Parameters<typeof api>[3] = {}) => api(srv.baseUrl, method, path, opts);
    const ok = async (p: ReturnType<typeof call>, status = 200) => {
      const res = await p;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      return res.body;
    };

    // Kiosk and device.
    await ok(call('GET', API.health.path));
    await ok(call('GET', `${API.kioskConfig.path}?window=demo-w1`, { headers: { 'accept-encoding': 'gzip' } }));
    const rated = badRating();
    await ok(call('POST', API.pushRatings.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), ratings: [rated] } }));

    // Accounts: the administrator's work, a second administrator (who must change the first password).
    const admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
    await ok(call('GET', API.me.path, { cookie: admin }));
    await ok(call('GET', API.session.path, { cookie: admin }));
    await ok(call('GET', API.session.path));
    const label = (s: string) => ({ 'zh-CN': s, en: s, bo: s });
    const unit = await ok(call('POST', API.createUnit.path, { cookie: admin, body: { name: label('二号大厅') } }), 201);
    await ok(call('PATCH', `${API.createUnit.path}/${unit.id}`, { cookie: admin, body: { active: true } }));
    const win = await ok(call('POST', API.createWindow.path, { cookie: admin, body: { unitId: 'demo-unit', number: '9', name: label('九号窗口') } }), 201);
    await ok(call('PATCH', `${API.createWindow.path}/${win.id}`, { cookie: admin, body: { sortOrder: 90 } }));
    const item = await ok(call('POST', API.createServiceItem.path, { cookie: admin, body: { code: 'X-9', unitId: 'demo-unit', name: label('事项') } }), 201);
    await ok(call('PATCH', `${API.createServiceItem.path}/${item.id}`, { cookie: admin, body: { sortOrder: 5 } }));
    await ok(call('POST', API.createReason.path, { cookie: admin, body: { key: 'TABLE_TEST', label: label('原因') } }), 201);
    await ok(call('PATCH', `${API.createReason.path}/TABLE_TEST`, { cookie: admin, body: { active: false } }));
    await ok(call('GET', API.adminCatalog.path, { cookie: admin }));
    const second = await ok(
      call('POST', API.createStaff.path, { cookie: admin, body: { employeeNo: 'T9100', name: '次管理员', unitId: 'demo-unit', windowId: null, roles: ['ADMIN'], password: 'Qw3-first-lantern' } }),
      201,
    );
    await ok(call('PUT', `${API.createStaff.path}/${second.id}/photo`, { cookie: admin, raw: PNG, headers: { 'content-type': 'image/png' } }));
    const adminB = await signIn(srv.baseUrl, 'T9100', 'Qw3-first-lantern');
    await ok(call('POST', API.changePassword.path, { cookie: adminB, body: { currentPassword: 'Qw3-first-lantern', newPassword: NEW_PASSWORD } }));
    await ok(call('POST', API.setPin.path, { cookie: adminB, body: { currentPassword: NEW_PASSWORD, pin: '284615' } }));
    // Guarded roles now wait for the other administrator: one approved, one refused.
    const granted = await ok(call('PATCH', `${API.createStaff.path}/demo-s1`, { cookie: admin, body: { roles: ['STAFF', 'LEAD'] } }));
    expect(granted.pendingGrant).not.toBeNull();
    await ok(call('GET', API.roleGrants.path, { cookie: adminB }));
    await ok(call('POST', `${API.roleGrants.path}/${granted.pendingGrant.id}/approve`, { cookie: adminB }));
    const refused = await ok(call('PATCH', `${API.createStaff.path}/demo-s1`, { cookie: admin, body: { roles: ['STAFF', 'LEAD', 'SUPERVISION'] } }));
    await ok(call('POST', `${API.roleGrants.path}/${refused.pendingGrant.id}/refuse`, { cookie: admin }));
    await ok(call('PATCH', `${API.createStaff.path}/demo-s1`, { cookie: admin, body: { roles: ['STAFF'] } }));
    const calendar = await ok(call('GET', API.calendar.path, { cookie: admin }));
    const year = calendar.years[0];
    await ok(call('PUT', `${API.calendar.path}/${year.year}`, { cookie: admin, body: { holidays: year.holidays, workdays: year.workdays, source: year.source } }));
    await ok(call('GET', `${API.audit.path}?limit=5`, { cookie: admin }));

    // An enrolled tablet: code, enrolment, check-in, then revoked.
    const code = await ok(call('POST', API.createEnrolmentCode.path, { cookie: admin, body: { windowId: 'demo-w1' } }), 201);
    const report = { appVersion: 'test', queueDepth: 0, conflicts: 0, deadLetters: 0, storagePersisted: null };
    const enrolled = await ok(call('POST', API.enrol.path, { body: { code: code.code, deviceId: 'dev-table-0001', report } }));
    await ok(call('POST', API.checkin.path, { headers: { authorization: `Bearer ${enrolled.credential}` }, body: { report } }));
    await ok(call('GET', API.devices.path, { cookie: admin }));
    await ok(call('POST', `${API.devices.path}/${enrolled.device.id}/revoke`, { cookie: admin }));

    // 办件: a business-system token, a batch written with it, the token revoked; a clerk's 办件 of the day.
    const made = await ok(call('POST', API.systemTokens.path, { cookie: admin, body: { unitId: 'demo-unit', name: '业务系统' } }), 201);
    const serviceCase = { caseNo: 'ET-1', serviceItemCode: 'DEMO-001', windowNumber: '1', employeeNo: 'D1001', applicantType: 'PERSON', acceptedAt: Date.now(), status: 'ACCEPTED' };
    await ok(call('POST', API.pushServiceCases.path, { headers: { authorization: `Bearer ${made.token}` }, body: { items: [serviceCase, { caseNo: 'ET-2' }] } }));
    // Invitations (一次一评): by the business system, then by the clerk; the window's kiosk gets the newest.
    await ok(call('POST', API.systemInvite.path, { headers: { authorization: `Bearer ${made.token}` }, body: { caseNo: 'ET-1' } }), 201);
    const etCase = await srv.store.findServiceCase('demo-unit', 'ET-1');
    const invited = await ok(call('POST', API.inviteServiceCase.path.replace(':id', etCase!.id), { cookie: await signIn(srv.baseUrl, 'D1001') }), 201);
    expect((await ok(call('GET', `${API.kioskInvitation.path}?window=demo-w1`))).invitation.id).toBe(invited.invitation.id);
    await ok(call('GET', `${API.kioskServiceCases.path}?window=demo-w1`));
    await ok(call('GET', API.systemTokens.path, { cookie: admin }));
    await ok(call('POST', `${API.systemTokens.path}/${made.systemToken.id}/revoke`, { cookie: admin }));
    const clerkS1 = await signIn(srv.baseUrl, 'D1001');
    await ok(call('GET', API.myServiceCases.path, { cookie: clerkS1 }));
    // An administrator's upload of a 办件 export: a line taken and a line refused.
    const exported = '办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型,状态\nET-3,DEMO-001,1,D1001,2026-11-30 09:00:00,,个人,受理\nET-4,NONE,1,D1001,2026-11-30 09:00:00,,个人,受理\n';
    await ok(call('POST', `${API.importServiceCases.path}?unitId=demo-unit&filename=et.csv`, { cookie: admin, raw: Buffer.from(exported), headers: { 'content-type': 'text/csv' } }));
    // The phone rating page: the 办件's link (its clerk), a window QR (the administrator), the page and a rating.
    const mine = await ok(call('GET', API.myServiceCases.path, { cookie: clerkS1 }));
    const caseLink = await ok(call('POST', `/api/v1/service-cases/${mine.serviceCases[0].id}/rating-link`, { cookie: clerkS1 }));
    await ok(call('POST', '/api/v1/admin/windows/demo-w1/rating-link', { cookie: admin }));
    await ok(call('GET', `/api/v1/r/${caseLink.token}`));
    await ok(call('POST', `/api/v1/r/${caseLink.token}`, { body: { id: uuidv7(), level: 'SATISFIED', reasons: [], locale: 'zh-CN', madeAt: Date.now(), sentAt: Date.now() } }));

    // Reading ratings and cases; a contact revealed.
    const supervision = await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION);
    await ok(call('GET', `${API.ratings.path}?limit=10`, { cookie: supervision }));
    await ok(call('POST', `${API.ratings.path}/${rated.id}/contact`, { cookie: supervision }));
    await ok(call('GET', API.cases.path, { cookie: supervision, headers: { 'accept-encoding': 'gzip' } }));
    await ok(call('GET', API.caseSummary.path, { cookie: supervision }));
    // The live case stream: a bad review's notice, checked against the stream's message schema as it goes by.
    const live = await openCaseStream(srv.baseUrl, supervision);
    expect(live.status).toBe(200);
    const another = badRating();
    await ok(call('POST', API.pushRatings.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [another] } }));
    await live.next((m) => m.type === 'case-opened' && m.case.caseId === another.id);
    live.close();
    await ok(call('GET', API.abandonedTapCounts.path, { cookie: supervision }));
    // Anti-coercion review: the flagged list, a mark, the settings, a staff session naming its tablet.
    await ok(call('GET', `${API.flaggedRatings.path}?from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`, { cookie: supervision }));
    await ok(call('PUT', `${API.flaggedRatings.path}/${rated.id}/review`, { cookie: supervision, body: { verdict: 'INVALID', note: '表格测试' } }));
    await ok(call('GET', API.flagSettings.path, { cookie: admin }));
    await ok(call('PUT', API.putFlagSettings.path, { cookie: admin, body: { fastTapMs: 1500, kioskBurst: { maxCount: 5, windowMinutes: 10 }, windowQrBurst: { maxCount: 5, windowMinutes: 10 } } }));
    // Rankings and flags (issue 15) and their settings.
    await ok(call('GET', API.rankingSettings.path, { cookie: admin }));
    await ok(call('PUT', API.putRankingSettings.path, { cookie: admin, body: { bottomPlaces: 1, period: 'month', runLength: 2 } }));
    await ok(call('GET', `${API.rankings.path}?year=${new Date().getUTCFullYear()}`, { cookie: supervision }));
    const tablet = await ok(call('POST', API.enrol.path, { body: { code: (await ok(call('POST', API.createEnrolmentCode.path, { cookie: admin, body: { windowId: 'demo-w1' } }), 201)).code, deviceId: 'dev-table-0002', report } }));
    await ok(call('POST', API.deviceSignIn.path, { cookie: clerkS1, headers: { authorization: `Bearer ${tablet.credential}` } }));
    await ok(call('POST', API.pushCaseActions.path, { cookie: supervision, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), ratings: [{ nonsense: true }] } }));
    await ok(call('POST', API.pushAbandonedTaps.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), ratings: [{ nonsense: true }] } }));
    // Month close: the last ended month submitted, then a rating of it arriving late (a correction), listed and read.
    const office = await signIn(srv.baseUrl, DEMO_ACCOUNTS.OFFICE);
    const lastMonth = addMonths(monthOfCst(Date.now()), -1);
    const closePath = buildPath(API.monthClose.path, { month: lastMonth });
    await ok(call('POST', closePath, { cookie: office, body: { corrects: 0 } }));
    const lateRating = badRating({}, monthRangeCst(lastMonth).from + 86_400_000);
    await ok(call('POST', API.pushRatings.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [lateRating] } }));
    expect((await ok(call('GET', closePath, { cookie: office }))).correctionsTotal).toBe(1);
    await ok(call('GET', `${API.monthCloses.path}?corrections=1`, { cookie: office }));

    // A paper form: typed by the lead of window 1, its photo, its check by the other clerk of the window.
    const lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
    await ok(call('GET', API.paperConfig.path, { cookie: lead }));
    const form = paperRecordFromForm(
      { ...EMPTY_PAPER_FORM, caseNumber: 'QH-2026-000777', serviceItemId: 'demo-item-1', windowId: 'demo-w1', staffId: 'demo-s1', serviceDate: '2026-11-20', level: 'DISSATISFIED', reasons: ['NOT_TOLD_AT_ONCE'], evaluatorPhone: '13700001111', hasPhoto: true },
      { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy: 'demo-s2', locale: 'zh-CN' },
    );
    await ok(call('POST', API.pushPaper.path, { cookie: lead, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), ratings: [form] } }));
    await ok(call('PUT', `/api/v1/sync/paper/${form.id}/photo`, { cookie: lead, raw: PNG, headers: { 'content-type': 'image/png' } }));
    await ok(call('POST', API.paperDuplicates.path, { cookie: lead, body: { caseNumber: 'QH-2026-000777', level: 'DISSATISFIED' } }));
    // A 办件 typed in on the lead's tablet (outbox stream 'serviceCase').
    const typed = { id: uuidv7(), caseNo: 'TB-ENDPOINT-1', serviceItemId: 'demo-item-1', unitId: 'demo-unit', windowId: 'demo-w1', enteredBy: 'demo-s2', applicantType: 'PERSON', status: 'ACCEPTED', acceptedAt: Date.now() - 60_000, finishedAt: null, enteredAt: Date.now() };
    await ok(call('POST', API.pushTabletServiceCases.path, { cookie: lead, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [typed] } }));
    const clerk = await signIn(srv.baseUrl, 'D1004');
    await ok(call('GET', API.paperChecks.path, { cookie: clerk }));
    await ok(call('POST', `/api/v1/forms/checks/${form.id}/confirm`, { cookie: clerk }));
    // The quarterly bulletin of this quarter (issue 15), the checked paper form in it.
    await ok(call('GET', `${API.bulletin.path}?quarter=${quarterOfCst(Date.now())}`, { cookie: supervision }));
    await ok(call('POST', API.signOut.path, { cookie: clerk }), 204);
    // The annual rectification report (issue 15), with the bad reviews and cases above.
    await ok(call('GET', `${API.annualReport.path}?year=${new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()}`, { cookie: supervision, headers: { 'accept-encoding': 'gzip' } }));
    // Public disclosure (issue 16): a comment its evaluator allowed to publish, listed and approved by the lead.
    const consenting = badRating({ publishComment: true, comment: '可以公开的意见' });
    await ok(call('POST', API.pushRatings.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [consenting] } }));
    await ok(call('GET', API.commentPublications.path, { cookie: lead }));
    await ok(call('POST', `${API.commentPublications.path}/${consenting.id}`, { cookie: lead, body: { verdict: 'APPROVED' } }));

    // The figures (issue 15): Attachment 2 as JSON (the CSV and XLSX downloads are files, read in their own tests).
    await ok(call('GET', `${API.reportAttachment2.path}?month=2026-11`, { cookie: office }));

    // Public disclosure (issue 16): the demo unit switched on, then every public route read without a session.
    await setDisclosure(srv.baseUrl, 'demo-unit', true, true);
    await ok(call('GET', API.publicUnits.path));
    const month = (await ok(call('GET', API.publicUnits.path))).month;
    await ok(call('GET', `/api/v1/public/units/demo-unit/months/${month}`));
    await ok(call('GET', `/api/v1/public/units/demo-unit/trend?month=${month}`));
    await ok(call('GET', `/api/v1/public/units/demo-unit/reviews?month=${month}`));
    // Every JSON entry and the event stream was answered and checked (images are not JSON).
    const json = ENDPOINTS.filter((e: Endpoint) => e.response !== IMAGE).map(key);
    expect(json.filter((k) => !srv.responseCheck.checked.has(k))).toEqual([]);
    expect(srv.responseCheck.mismatches).toEqual([]);
  });
});
