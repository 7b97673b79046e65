import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CASE_PATHS, type CaseListResponse } from '../../src/domain/case-api';
import { replay } from '../../src/domain/case-machine';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { cstDate } from '../../src/domain/time';
import { addDays } from '../../src/domain/workdays';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { loadContactKey } from '../../sync-server/crypto/contact-key';
import { openStore } from '../../sync-server/store/open-store';
import { openSqliteDatabase } from '../../sync-server/store/sqlite/open-sqlite';
import { tempDir } from '../support/server';
import { pushRatings } from '../../src/data/sync-transport';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { action, pushActions } from '../support/cases';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, startInProcessServer, type InProcessServer } from '../support/server';

let srv: InProcessServer;
/** A table for 2027 (New Year's Day only), so deadlines two weeks ahead stay certain whenever the tests run. */
const TEST_NEXT_YEARS = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '测试用表' };
const sessions = new Map<string, string>();
const as = async (who: string) => {
  if (!sessions.has(who)) sessions.set(who, await signIn(srv.baseUrl, who));
  return sessions.get(who)!;
};
const bad = badRating({ staffId: 'demo-s1' });
const anonymous = badRating({ staffId: 'demo-s1', contact: undefined });
const good = demoRating({ staffId: 'demo-s1' });

beforeEach(async () => {
  srv = await startInProcessServer();
  sessions.clear();
  await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [bad, anonymous, good] });
});
afterEach(async () => {
  await srv.close();
});

const listCases = async (who: string) => (await api(srv.baseUrl, 'GET', '/api/v1/cases', { cookie: await as(who) })).body;
const stateOf = async (id: string) => {
  const c = (await listCases(DEMO_ACCOUNTS.SUPERVISION)).cases.find((x: { facts: { id: string } }) => x.facts.id === id);
  return replay(c.facts, c.events);
};

describe('bad-review cases', () => {
  it('open one per bad review, visible to the staff member rated, their lead and supervision only', async () => {
    const mine = await listCases(DEMO_ACCOUNTS.STAFF);
    expect(mine.cases.map((c: { facts: { id: string } }) => c.facts.id).sort()).toEqual([bad.id, anonymous.id].sort());
    expect(mine.cases.find((c: { facts: { id: string } }) => c.facts.id === anonymous.id).facts.anonymous).toBe(true);
    expect(mine.cases[0].rating.contact?.phone ?? '138****5678').toMatch(/\*{4}/);
    expect(mine.calendar.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    expect((await listCases(DEMO_ACCOUNTS.STAFF_W2)).cases).toEqual([]);
    expect((await listCases(DEMO_ACCOUNTS.LEAD)).cases).toHaveLength(2);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/cases', { cookie: await as(DEMO_ACCOUNTS.OFFICE) })).status).toBe(403);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/cases/summary', { cookie: await as(DEMO_ACCOUNTS.STAFF) })).body).toMatchObject({ open: 2 });
  });

  it('go from call-back to decision, rectification, reply and closing; a replay is a duplicate', async () => {
    const staff = await as(DEMO_ACCOUNTS.STAFF);
    const steps = [
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE' }, 0),
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '已联系' }, 1),
      action(bad.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_WITHIN_5' }, 2),
      action(bad.id, 'demo-s1', { type: 'RECTIFY', what: '补充一次性告知清单' }, 3),
      action(bad.id, 'demo-s1', { type: 'REPLY', channel: 'PHONE', text: '已整改并致歉' }, 4),
      action(bad.id, 'demo-s1', { type: 'CLOSE' }, 5),
    ];
    const res = await pushActions(srv.baseUrl, staff, steps);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(6).fill('accepted'));
    expect((await stateOf(bad.id)).stage).toBe('CLOSED');
    expect((await pushActions(srv.baseUrl, staff, [steps[3]])).body.results[0].status).toBe('duplicate');
    expect((await pushActions(srv.baseUrl, staff, [{ ...steps[3], action: { type: 'RECTIFY', what: '别的' } }])).body.results[0].status).toBe('conflict');
  });

  it('refuse illegal transitions, other people’s cases, forged authors and the wrong approver, changing nothing', async () => {
    const staff = await as(DEMO_ACCOUNTS.STAFF);
    const results = async (who: string, acts: unknown[]) =>
      (await pushActions(srv.baseUrl, await as(who), acts)).body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status);
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'CLOSE' })])).toEqual(['INCOMPLETE']);
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW' })])).toEqual(['WRONG_STAGE']);
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(anonymous.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })])).toEqual(['ANONYMOUS_NO_CONTACT']);
    expect(await results(DEMO_ACCOUNTS.STAFF_W2, [action(bad.id, 'demo-s3', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })])).toEqual(['NOT_FOUND']);
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s2', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })])).toEqual(['BY_MISMATCH']);
    expect(await results(DEMO_ACCOUNTS.STAFF, [{ id: 'x', caseId: bad.id }])).toEqual(['VALIDATION_FAILED']);
    await pushActions(srv.baseUrl, staff, [action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })]);
    const notAdopted = (approverId: string) => ({ type: 'DECIDE' as const, path: 'NOT_ADOPTED' as const, reason: 'MISTAKEN' as const, evidence: '录音', approverId });
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', notAdopted('demo-s1'), 1)])).toEqual(['APPROVER_NOT_ALLOWED']);
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', notAdopted('demo-s3'), 1)])).toEqual(['APPROVER_NOT_ALLOWED']);
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'REOPEN', reason: 'x' }, 1)])).toEqual(['FORBIDDEN']);
    expect((await stateOf(bad.id)).stage).toBe('CALLED_BACK');
    expect(await results(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', notAdopted('demo-s2'), 1)])).toEqual(['accepted']);
  });

  it('keep a lead’s and a staff member’s competing decisions: the later one is a conflict, not lost', async () => {
    await pushActions(srv.baseUrl, await as(DEMO_ACCOUNTS.STAFF), [action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })]);
    const lead = await pushActions(srv.baseUrl, await as(DEMO_ACCOUNTS.LEAD), [action(bad.id, 'demo-s2', { type: 'DECIDE', path: 'FIX_NOW' }, 1)]);
    expect(lead.body.results[0].status).toBe('accepted');
    const late = await pushActions(srv.baseUrl, await as(DEMO_ACCOUNTS.STAFF), [action(bad.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_WITHIN_5' }, 1)]);
    expect(late.body.results[0]).toMatchObject({ status: 'conflict', error: { code: 'CASE_CHANGED' } });
  });

  it('let supervision reopen a closed case', async () => {
    const staff = await as(DEMO_ACCOUNTS.STAFF);
    await pushActions(srv.baseUrl, staff, [
      action(anonymous.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW' }),
      action(anonymous.id, 'demo-s1', { type: 'RECTIFY', what: '已改' }, 1),
      action(anonymous.id, 'demo-s1', { type: 'CLOSE' }, 2),
    ]);
    expect((await stateOf(anonymous.id)).stage).toBe('CLOSED');
    const reopen = await pushActions(srv.baseUrl, await as(DEMO_ACCOUNTS.SUPERVISION), [action(anonymous.id, 'demo-supervision', { type: 'REOPEN', reason: '整改不到位' }, 3)]);
    expect(reopen.body.results[0].status).toBe('accepted');
    expect((await stateOf(anonymous.id)).stage).toBe('RECEIVED');
  });
});

describe('decisions that need an approval, times and bodies', () => {
  const codes = async (who: string, acts: unknown[]) =>
    (await pushActions(srv.baseUrl, await as(who), acts)).body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status);
  const notAdopted = (approverId: string) => ({ type: 'DECIDE' as const, path: 'NOT_ADOPTED' as const, reason: 'MISTAKEN' as const, evidence: '录音显示误点', approverId });
  const special = (days: number) => ({ type: 'DECIDE' as const, path: 'SPECIAL' as const, explanation: '需上级系统升级', deadline: addDays(cstDate(Date.now()), days) });
  const calledBack = async () => expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })])).toEqual(['accepted']);

  it('keep a not-adopted case open until the named approver approves it from their own session', async () => {
    await calledBack();
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', notAdopted('demo-s2'), 1)])).toEqual(['accepted']);
    expect((await stateOf(bad.id)).stage).toBe('AWAITING_APPROVAL');
    // The rated person can neither approve (in anyone's name), nor answer, nor close.
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'APPROVE' }, 2)])).toEqual(['FORBIDDEN']);
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s2', { type: 'APPROVE' }, 2)])).toEqual(['BY_MISMATCH']);
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'REPLY', channel: 'PHONE', text: '不予采纳' }, 2)])).toEqual(['WRONG_STAGE']);
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'CLOSE' }, 2)])).toEqual(['INCOMPLETE']);
    // Supervision may approve in general, but this decision names the lead.
    expect(await codes(DEMO_ACCOUNTS.SUPERVISION, [action(bad.id, 'demo-supervision', { type: 'APPROVE' }, 2)])).toEqual(['NOT_THE_APPROVER']);
    expect(await codes(DEMO_ACCOUNTS.LEAD, [action(bad.id, 'demo-s2', { type: 'APPROVE' }, 2)])).toEqual(['accepted']);
    expect(
      await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'REPLY', channel: 'PHONE', text: '已解释' }, 3), action(bad.id, 'demo-s1', { type: 'CLOSE' }, 4)]),
    ).toEqual(['accepted', 'accepted']);
    expect((await stateOf(bad.id)).stage).toBe('CLOSED');
  });

  it('cap a special deadline and return a refused one to the decision step', async () => {
    await calledBack();
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', special(61), 1)])).toEqual(['DEADLINE_TOO_FAR']);
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', special(-1), 1)])).toEqual(['DEADLINE_IN_PAST']);
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', special(60), 1)])).toEqual(['accepted']);
    expect((await stateOf(bad.id)).stage).toBe('AWAITING_APPROVAL');
    expect(await codes(DEMO_ACCOUNTS.STAFF, [action(bad.id, 'demo-s1', { type: 'RECTIFY', what: '先整改' }, 2)])).toEqual(['WRONG_STAGE']);
    expect(await codes(DEMO_ACCOUNTS.LEAD, [action(bad.id, 'demo-s2', { type: 'REFUSE_APPROVAL', reason: '期限过长' }, 2)])).toEqual(['accepted']);
    expect((await stateOf(bad.id)).stage).toBe('CALLED_BACK');
    const list: CaseListResponse = await listCases(DEMO_ACCOUNTS.STAFF);
    expect(list.rules.specialDeadlineMaxDays).toBe(60);
  });

  it('take the cap from the server setting', async () => {
    const { buildApp } = await import('../../sync-server/app');
    const { configFromEnv } = await import('../../sync-server/config');
    const { caseRules } = configFromEnv({ CASE_SPECIAL_DEADLINE_MAX_DAYS: '10', CASE_CLOCK_SKEW_SECONDS: '120' });
    expect(caseRules).toEqual({ specialDeadlineMaxDays: 10, clockSkewMs: 120_000 });
    expect(configFromEnv({}).caseRules).toEqual({ specialDeadlineMaxDays: 60, clockSkewMs: 300_000 });
    const app = await buildApp({ store: srv.store, caseRules });
    try {
      const cookie = await as(DEMO_ACCOUNTS.STAFF);
      const inject = async (acts: unknown[]) =>
        (await app.inject({ method: 'POST', url: CASE_PATHS.push, headers: { cookie, 'content-type': 'application/json' }, payload: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: acts } })).json();
      expect((await inject([action(anonymous.id, 'demo-s1', special(11))])).results[0].error.code).toBe('DEADLINE_TOO_FAR');
      expect((await inject([action(anonymous.id, 'demo-s1', special(10))])).results[0].status).toBe('accepted');
    } finally {
      await app.close();
    }
  });

  it('refuse, item by item, a step dated before the case arrived or ahead of the server clock, and keep the receive time', async () => {
    const { facts } = (await srv.store.getCase(bad.id))!;
    const early = { ...action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE' }), at: facts.receivedAt - 1 };
    const ahead = { ...action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE' }), at: Date.now() + 3600_000 };
    const fine = action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' });
    const before = Date.now();
    expect(await codes(DEMO_ACCOUNTS.STAFF, [early, ahead, fine])).toEqual(['AT_BEFORE_CASE', 'AT_IN_FUTURE', 'accepted']);
    const [event] = (await srv.store.getCase(bad.id))!.events;
    expect(event.id).toBe(fine.id);
    expect(event.receivedAt).toBeGreaterThanOrEqual(before);
    const listed: CaseListResponse = await listCases(DEMO_ACCOUNTS.STAFF);
    expect(listed.cases.find((c) => c.facts.id === bad.id)!.events[0].receivedAt).toBe(event.receivedAt);
  });

  it('offer as approvers exactly those the check accepts: the lead of the case’s window and supervision, never the rated person', async () => {
    const w2 = badRating({ staffId: 'demo-s3', windowId: 'demo-w2' });
    await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [w2] });
    const list: CaseListResponse = await listCases(DEMO_ACCOUNTS.STAFF_W2);
    expect(list.approvers.map((a) => a.id)).toEqual(['demo-supervision']); // not demo-s2, the lead of window 1
    const lead: CaseListResponse = await listCases(DEMO_ACCOUNTS.LEAD);
    expect(lead.approvers.map((a) => a.id).sort()).toEqual(['demo-s2', 'demo-supervision']);
    expect(lead.approvers.find((a) => a.id === 'demo-s2')).toMatchObject({ roles: ['STAFF', 'LEAD'], windowId: 'demo-w1' });
    const s3 = await as(DEMO_ACCOUNTS.STAFF_W2);
    const decide = async (approverId: string, baseVersion: number) => {
      const r = (await pushActions(srv.baseUrl, s3, [action(w2.id, 'demo-s3', notAdopted(approverId), baseVersion)])).body.results[0];
      return r.error?.code ?? r.status;
    };
    await pushActions(srv.baseUrl, s3, [action(w2.id, 'demo-s3', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })]);
    expect(await decide('demo-s2', 1)).toBe('APPROVER_NOT_ALLOWED');
    expect(await decide('demo-s3', 1)).toBe('APPROVER_NOT_ALLOWED');
    expect(await decide(list.approvers[0].id, 1)).toBe('accepted');
  });

  it('inflate a gzip batch over 1 KiB sent by the tablet’s own transport (two steps with long notes)', async () => {
    const cookie = await as(DEMO_ACCOUNTS.STAFF);
    const encodings: (string | null)[] = [];
    // The real fetch over real HTTP; only the session cookie is added, as the browser would.
    const withSession: typeof fetch = (url, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookie);
      encodings.push(headers.get('content-encoding'));
      return fetch(url, { ...init, headers });
    };
    const steps = [
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE', note: '无人接听，'.repeat(90) }),
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'SMS', outcome: 'REACHED', note: '已发短信并回电说明情况，'.repeat(40) }),
    ];
    const body = { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: steps };
    expect(JSON.stringify(body).length).toBeGreaterThan(1024);
    const res = await pushRatings(body, { baseUrl: srv.baseUrl, path: CASE_PATHS.push, fetch: withSession });
    expect(encodings).toEqual(['gzip']);
    expect(res.kind).toBe('ok');
    expect(res.kind === 'ok' && res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await stateOf(bad.id)).stage).toBe('CALLED_BACK');
  });
});

describe('the case log', () => {
  it('writes nothing when a case moved on between reading and writing', async () => {
    const event = { id: action(bad.id, 'demo-s1', { type: 'CLOSE' }).id, action: { type: 'CLOSE' as const }, by: 'demo-s1', at: Date.now() };
    expect(await srv.store.appendCaseEvents([{ caseId: bad.id, expectedEvents: 3, event, payloadHash: 'h', closedAt: event.at }], Date.now())).toBe(false);
    expect((await srv.store.getCase(bad.id))!.events).toEqual([]);
    expect((await srv.store.caseCounts({ kind: 'all' })).open).toBe(2); // the refused CLOSE closed nothing
  });

  it('count the open cases past a deadline in the summary, for the escalation to leads and supervision', async () => {
    const summary = async (who: string) => (await api(srv.baseUrl, 'GET', '/api/v1/cases/summary', { cookie: await signIn(srv.baseUrl, who) })).body;
    expect((await summary(DEMO_ACCOUNTS.SUPERVISION)).overdue).toBe(0);
    // Two weeks on may reach next year: its table is entered, as the administrator would, so no date is a guess.
    await srv.store.putCalendarYear(TEST_NEXT_YEARS, null, Date.now());
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 14 * 86_400_000); // past the call-back and the 5 working days, holidays or not
      expect(await summary(DEMO_ACCOUNTS.LEAD)).toMatchObject({ open: 2, overdue: 2 });
      expect(await summary(DEMO_ACCOUNTS.STAFF_W2)).toMatchObject({ open: 0, overdue: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the open count and the closing time with the log: closed cases leave the count, and old ones the lists', async () => {
    const summary = async () => (await api(srv.baseUrl, 'GET', '/api/v1/cases/summary', { cookie: await as(DEMO_ACCOUNTS.LEAD) })).body;
    expect(await summary()).toEqual({ open: 2, overdue: 0, latestReceivedAt: expect.any(Number) });
    const closedAt = Date.now();
    await pushActions(srv.baseUrl, await as(DEMO_ACCOUNTS.STAFF), [
      action(anonymous.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW' }),
      action(anonymous.id, 'demo-s1', { type: 'RECTIFY', what: '已改' }, 1),
      { ...action(anonymous.id, 'demo-s1', { type: 'CLOSE' }, 2), at: closedAt },
    ]);
    expect((await summary()).open).toBe(1);
    const ids = async (closedSince: number) => (await srv.store.listCases({ kind: 'all' }, { closedSince })).map((c) => c.facts.id).sort();
    expect(await ids(closedAt)).toEqual([bad.id, anonymous.id].sort());
    expect(await ids(closedAt + 1)).toEqual([bad.id]); // closed before the window: off the tablets' lists
    await pushActions(srv.baseUrl, await as(DEMO_ACCOUNTS.SUPERVISION), [action(anonymous.id, 'demo-supervision', { type: 'REOPEN', reason: '整改不到位' }, 3)]);
    expect((await summary()).open).toBe(2);
    expect(await ids(closedAt + 1)).toEqual([bad.id, anonymous.id].sort());
  });
});

describe('the working-day calendar', () => {
  it('knows the published years, names the missing ones, and takes a valid table from the administrator', async () => {
    const admin = await as(DEMO_ACCOUNTS.ADMIN);
    const before = (await api(srv.baseUrl, 'GET', '/api/v1/admin/calendar', { cookie: admin })).body;
    expect(before.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025, 2026]);
    const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    expect(before.missingYears).toEqual([thisYear, thisYear + 1].filter((y) => y > 2026));
    const bad = await api(srv.baseUrl, 'PUT', '/api/v1/admin/calendar/2027', { cookie: admin, body: { holidays: ['2027-02-30'], workdays: ['2027-10-11'], source: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('CALENDAR_INVALID');
    expect(bad.body.error.message).toMatch(/DATE_INVALID/);
    for (const odd of ['0x7EB', '%202027', '2027.0']) {
      const res = await api(srv.baseUrl, 'PUT', `/api/v1/admin/calendar/${odd}`, { cookie: admin, body: { holidays: ['2027-01-01'], workdays: [], source: '测试表' } });
      expect(res.status).toBe(400);
    }
    const ok = await api(srv.baseUrl, 'PUT', '/api/v1/admin/calendar/2027', { cookie: admin, body: { holidays: ['2027-01-01'], workdays: [], source: '测试表' } });
    expect(ok.status).toBe(200);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/admin/calendar', { cookie: admin })).body.missingYears).not.toContain(2027);
  });
});

describe('migration 11', () => {
  it('opens again the cases closed on a 不予采纳 or special decision nobody approved, and leaves the others closed', async () => {
    const dir = tempDir('migrate-11');
    const cipher = new ContactCipher(loadContactKey(dir, {}).key);
    const v10 = openSqliteDatabase(dir, cipher, 10);
    v10.exec(`INSERT INTO units (id, name_json) VALUES ('u', '{"zh-CN":"单位","en":"Unit","bo":"ཚན་པ།"}');
      INSERT INTO windows (id, unit_id, number, name_json) VALUES ('w', 'u', '1', '{"zh-CN":"窗口","en":"W","bo":"སྒེའུ་ཁུང་།"}');`);
    const rating = v10.prepare(
      `INSERT INTO ratings (id, payload_hash, schema_version, level, reasons_json, channel, unit_id, window_id, device_id, device_time, rated_at,
       clock_offset_ms, received_at, locale) VALUES (?, 'h', 1, 'DISSATISFIED', '[]', 'HALL_TABLET', 'u', 'w', 'd', 1, 1, 0, 1, 'zh-CN')`,
    );
    const kase = v10.prepare(`INSERT INTO cases (id, staff_id, window_id, unit_id, anonymous, received_at, closed_at) VALUES (?, 's', 'w', 'u', 1, 1, 900)`);
    const event = v10.prepare(`INSERT INTO case_events (id, case_id, payload_hash, action_json, by_staff, at, received_at) VALUES (?, ?, 'h', ?, 's', ?, ?)`);
    const [notAdopted, special, fixed] = ['01900000-0000-7000-8000-0000000000a1', '01900000-0000-7000-8000-0000000000a2', '01900000-0000-7000-8000-0000000000a3'];
    const decisions = {
      [notAdopted]: { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '录音', approverId: 'lead' },
      [special]: { type: 'DECIDE', path: 'SPECIAL', explanation: '跨部门', deadline: '2026-12-31' },
      [fixed]: { type: 'DECIDE', path: 'FIX_NOW' },
    };
    for (const [id, decision] of Object.entries(decisions)) {
      rating.run(id);
      kase.run(id);
      event.run(`${id}-d`, id, JSON.stringify(decision), 500, 500);
      if (decision.path !== 'NOT_ADOPTED') event.run(`${id}-r`, id, '{"type":"RECTIFY","what":"已改"}', 600, 600);
      event.run(`${id}-c`, id, '{"type":"CLOSE"}', 900, 900);
    }
    v10.close();

    const { store } = await openStore(dir, {});
    try {
      expect(await store.caseCounts({ kind: 'all' })).toMatchObject({ open: 2 });
      const open = await store.listCases({ kind: 'all' }, { closedSince: Number.MAX_SAFE_INTEGER });
      expect(open.map((c) => c.facts.id).sort()).toEqual([notAdopted, special]);
      expect(open.map((c) => replay(c.facts, c.events).stage)).toEqual(['AWAITING_APPROVAL', 'AWAITING_APPROVAL']);
    } finally {
      await store.close();
    }
  });
});
