import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_PATHS } from '../../src/domain/account-api';
import { CASE_LIVE_RETRY_MS, type CaseLiveMessage } from '../../src/domain/case-live';
import { EMPTY_PAPER_FORM, paperRecordFromForm } from '../../src/domain/paper-form';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { waitUntil } from '../support/browser';
import { openCaseStream, type OpenStream } from '../support/live-stream';
import { badRating, demoRating, DEMO_DEVICE } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

/**
 * Issue 13: a new bad review reaches the rated person's and their lead's tablet through the live case stream, over
 * real HTTP on a real SQLite store; nobody else's, nothing for a good review, and no stream outlives its session.
 */
let srv: InProcessServer;
const open: OpenStream[] = [];
const stream = async (employeeNo: string) => {
  const s = await openCaseStream(srv.baseUrl, await signIn(srv.baseUrl, employeeNo));
  open.push(s);
  return s;
};
const push = async (...ratings: ReturnType<typeof badRating>[]) => {
  const res = await api(srv.baseUrl, 'POST', PUSH_RATINGS_PATH, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings } });
  expect(res.status).toBe(200);
  expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(ratings.map(() => 'accepted'));
};
const opened = (caseId: string) => (m: CaseLiveMessage) => m.type === 'case-opened' && m.case.caseId === caseId;

beforeAll(async () => {
  // A short heartbeat: the session is re-checked at each one, so a signed-out stream ends quickly.
  srv = await startInProcessServer({ app: { live: { heartbeatMs: 250 } } });
});
afterAll(async () => {
  // One stream is still open here: close() must end it rather than wait for it (and checks every message sent).
  for (const s of open.slice(1)) s.close();
  await srv.close();
  open[0]?.close();
});

describe('GET /api/v1/cases/live', () => {
  it('is an unbuffered event stream with a retry hint and heartbeats, for signed-in people who read cases', async () => {
    const staff = await stream(DEMO_ACCOUNTS.STAFF);
    expect(staff.status).toBe(200);
    expect(staff.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(staff.headers.get('cache-control')).toContain('no-transform');
    expect(staff.headers.get('x-accel-buffering')).toBe('no');
    expect(staff.headers.get('content-encoding')).toBeNull();
    await waitUntil('the retry hint and a heartbeat', () => [staff.retries.length, staff.comments.filter((c) => c === 'keep-alive').length], ([r, k]) => r > 0 && k > 0, 10_000, 20);
    expect(staff.retries).toEqual([CASE_LIVE_RETRY_MS]);

    const anonymous = await api(srv.baseUrl, 'GET', '/api/v1/cases/live');
    expect(anonymous.status).toBe(401);
    const admin = await api(srv.baseUrl, 'GET', '/api/v1/cases/live', { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN) });
    expect(admin.status).toBe(403); // the administrator reads no cases
  });

  it('tells the person rated and the lead of that window about a bad review, nobody else, and nothing of a good one', async () => {
    const [rated, lead, colleague, otherWindow, supervision] = await Promise.all(
      [DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.LEAD, 'D1004', DEMO_ACCOUNTS.STAFF_W2, DEMO_ACCOUNTS.SUPERVISION].map(stream),
    );
    await push(demoRating({ level: 'SATISFIED' }), demoRating({ level: 'VERY_SATISFIED', staffId: 'demo-s4' }));
    const bad = badRating({ staffId: 'demo-s1', windowId: 'demo-w1' });
    await push(bad);
    const expected: CaseLiveMessage = { type: 'case-opened', case: { caseId: bad.id, windowId: 'demo-w1', staffId: 'demo-s1', unitId: 'demo-unit' } };
    for (const s of [rated, lead, supervision]) await expect(s.next(opened(bad.id))).resolves.toEqual(expected);
    // The good ratings, pushed before, sent nothing to anyone: the bad review's notice is each stream's first.
    for (const s of [rated, lead, supervision]) expect(s.messages).toEqual([expected]);
    // Nothing of what the evaluator said or who they are travels on the stream.
    expect(JSON.stringify(rated.messages)).not.toMatch(/13812345678|张三|等了很久/);

    // Window 2's bad review reaches window 2's clerk; by then window 1's never did, nor to the colleague not rated.
    const bad2 = badRating({ staffId: 'demo-s3', windowId: 'demo-w2' });
    await push(bad2);
    await otherWindow.next(opened(bad2.id));
    await supervision.next(opened(bad2.id));
    expect(otherWindow.messages.map((m) => m.type === 'case-opened' && m.case.caseId)).toEqual([bad2.id]);
    expect(colleague.messages).toEqual([]);
    expect(rated.messages).toEqual([expected]);
  });

  it('tells them when the check of a bad paper form opens its case', async () => {
    const rated = await stream(DEMO_ACCOUNTS.STAFF);
    const lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
    const form = paperRecordFromForm(
      { ...EMPTY_PAPER_FORM, caseNumber: 'QH-2026-000888', serviceItemId: 'demo-item-1', windowId: 'demo-w1', staffId: 'demo-s1', serviceDate: '2026-11-20', level: 'DISSATISFIED', reasons: ['NOT_TOLD_AT_ONCE'] },
      { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy: 'demo-s2', locale: 'zh-CN' },
    );
    const typed = await api(srv.baseUrl, 'POST', '/api/v1/sync/paper', { cookie: lead, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [form] } });
    expect(typed.body.results[0].status).toBe('accepted');
    const checked = await api(srv.baseUrl, 'POST', `/api/v1/forms/checks/${form.id}/confirm`, { cookie: await signIn(srv.baseUrl, 'D1004') });
    expect(checked.status).toBe(200);
    await expect(rated.next(opened(form.id))).resolves.toMatchObject({ case: { staffId: 'demo-s1', windowId: 'demo-w1' } });
    // Typed in, it opened nothing yet (it counts once checked): the check's notice is the stream's first.
    expect(rated.messages).toHaveLength(1);
  });

  it('forgets a stream whose reader left, and keeps at most the per-session limit of one session', async () => {
    await waitUntil('the earlier tests\' streams closed', () => srv.app.caseLiveStreams(), (n) => n === open.length, 10_000, 20);
    const before = srv.app.caseLiveStreams();
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2);
    const tabs = await Promise.all(Array.from({ length: 10 }, () => openCaseStream(srv.baseUrl, cookie)));
    // Eight per session (one per open tab): the two oldest were ended by the newer ones.
    await waitUntil('eight streams of the session', () => tabs.filter((t) => t.status === 200).length - srv.app.caseLiveStreams() + before, (ended) => ended === 2, 10_000, 20);
    tabs.forEach((t) => t.close());
    await waitUntil('the closed tabs forgotten', () => srv.app.caseLiveStreams(), (n) => n === before, 10_000, 20);
  });

  it('ends the stream of a session that signed out', async () => {
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
    const s = await openCaseStream(srv.baseUrl, cookie);
    open.push(s);
    expect(s.status).toBe(200);
    const signedOut = await api(srv.baseUrl, 'POST', AUTH_PATHS.signOut, { cookie });
    expect(signedOut.status).toBe(204);
    await s.ended; // the next heartbeat finds the session gone (the test times out otherwise)
    // And a stream cannot be opened with it again.
    expect((await api(srv.baseUrl, 'GET', '/api/v1/cases/live', { cookie })).status).toBe(401);
  });
});
