import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replay } from '../../src/domain/case-machine';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
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
  await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), ratings: [bad, anonymous, good] });
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
