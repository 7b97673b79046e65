import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABANDONED_TAP_PATHS } from '../../src/domain/abandoned-taps';
import { CASE_PATHS, CasePushResponseSchema } from '../../src/domain/case-api';
import { uuidv7 } from '../../src/domain/ids';
import { PAPER_PATHS } from '../../src/domain/paper-api';
import { EMPTY_PAPER_FORM, paperRecordFromForm } from '../../src/domain/paper-form';
import { cstDate } from '../../src/domain/time';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { DEMO_ACCOUNTS, signIn } from '../support/api';
import { action, pushActions } from '../support/cases';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, startInProcessServer, type InProcessServer } from '../support/server';

let srv: InProcessServer;
let staff: string;
let lead: string;
const bad = badRating({ staffId: 'demo-s1' });

beforeEach(async () => {
  srv = await startInProcessServer();
  staff = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
  lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
  expect((await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [bad] })).status).toBe(200);
});
afterEach(async () => {
  await srv.close();
});

const paper = () =>
  paperRecordFromForm(
    { ...EMPTY_PAPER_FORM, caseNumber: `QH-${uuidv7().slice(-8)}`, serviceItemId: 'demo-item-1', windowId: 'demo-w1', staffId: 'demo-s1', serviceDate: cstDate(Date.now()), level: 'SATISFIED', comment: '办事顺利'.repeat(40) },
    { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy: 'demo-s2', locale: 'zh-CN' },
  );
const longNote = '已电话联系，说明情况并致歉'.repeat(30).slice(0, 500);

/** Every push route, with a batch of its own items over 1 KiB and who sends it. */
const ROUTES = {
  'kiosk ratings': { path: PUSH_RATINGS_PATH, items: () => Array.from({ length: 6 }, () => demoRating({ comment: '窗口服务很好'.repeat(10) })), cookie: () => undefined },
  'paper forms': { path: PAPER_PATHS.push, items: () => [paper(), paper(), paper()], cookie: () => lead },
  'case steps': {
    path: CASE_PATHS.push,
    items: () => [
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: longNote }, 0),
      action(bad.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW', note: longNote }, 1),
    ],
    cookie: () => staff,
  },
  'abandoned taps': { path: ABANDONED_TAP_PATHS.push, items: () => Array.from({ length: 20 }, () => ({ id: uuidv7(), windowId: 'demo-w1', month: '2026-11' })), cookie: () => undefined },
};

async function send(path: string, body: unknown, opts: { cookie?: string; gzip?: boolean } = {}) {
  const json = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.cookie ? { cookie: opts.cookie } : {}) };
  if (opts.gzip) headers['content-encoding'] = 'gzip';
  const res = await fetch(srv.baseUrl + path, { method: 'POST', headers, body: opts.gzip ? zlib.gzipSync(json) : json });
  return { status: res.status, body: await res.json(), sentBytes: json.length };
}

describe('every push route is one batch route', () => {
  for (const [name, route] of Object.entries(ROUTES)) {
    it(`${name}: takes a gzip body over 1 KiB and answers each item in order`, async () => {
      const items = route.items();
      const res = await send(route.path, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items }, { cookie: route.cookie(), gzip: true });
      expect(res.sentBytes).toBeGreaterThan(1024);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual(items.map((item, index) => ({ index, id: item.id, status: 'accepted' })));
    });

    it(`${name}: still takes the envelope of devices before 0.2.0 ("ratings"), refuses both names or neither`, async () => {
      const [first, second] = route.items();
      const old = await send(route.path, { deviceId: DEMO_DEVICE, sentAt: Date.now(), ratings: [first] }, { cookie: route.cookie() });
      expect(old.status).toBe(200);
      expect(old.body.results).toEqual([{ index: 0, id: first.id, status: 'accepted' }]);
      const both = await send(route.path, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [second], ratings: [second] }, { cookie: route.cookie() });
      expect(both).toMatchObject({ status: 400, body: { error: { code: 'BATCH_ITEMS_TWICE' } } });
      const neither = await send(route.path, { deviceId: DEMO_DEVICE, sentAt: Date.now() }, { cookie: route.cookie() });
      expect(neither).toMatchObject({ status: 400, body: { error: { code: 'BATCH_ITEMS_MISSING' } } });
      // Refused whole: the second item was never taken.
      const again = await send(route.path, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [second] }, { cookie: route.cookie() });
      expect(again.body.results[0].status).toBe('accepted');
    });

    it(`${name}: refuses a small gzip bomb by its inflated size, as 413, writing nothing`, async () => {
      await srv.close();
      srv = await startInProcessServer({ bodyLimitBytes: 64 * 1024 });
      const cookie = route.cookie() && (await signIn(srv.baseUrl, route.cookie() === staff ? DEMO_ACCOUNTS.STAFF : DEMO_ACCOUNTS.LEAD));
      const bomb = { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [{ padding: ' '.repeat(5_000_000) }] };
      const res = await send(route.path, bomb, { cookie, gzip: true });
      expect(res).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
      expect(await srv.store.countRatings()).toBe(0);
    });
  }
});

describe('a case step answers with what changed', () => {
  it('carries the touched case’s events from the position the steps were taken on, with their authors', async () => {
    const first = action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE' }, 0);
    const res = await pushActions(srv.baseUrl, staff, [first]);
    const answer = CasePushResponseSchema.parse(res.body);
    expect(answer.changes!.cases).toEqual([{ caseId: bad.id, from: 0, events: [expect.objectContaining({ id: first.id, action: first.action, by: 'demo-s1', at: first.at })] }]);
    expect(answer.changes!.cases[0].events[0].receivedAt).toEqual(expect.any(Number));
    expect(answer.changes!.staff).toEqual([expect.objectContaining({ id: 'demo-s1', employeeNo: DEMO_ACCOUNTS.STAFF })]);

    // The lead decides meanwhile; the clerk's step taken on one event is then answered with both newer ones.
    const decide = action(bad.id, 'demo-s2', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '联系上了，电话 13812345678' }, 1);
    await pushActions(srv.baseUrl, lead, [decide]);
    const second = action(bad.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW' }, 1);
    const late = CasePushResponseSchema.parse((await pushActions(srv.baseUrl, staff, [second])).body);
    expect(late.results[0].status).toBe('accepted');
    expect(late.changes!.cases[0].from).toBe(1);
    expect(late.changes!.cases[0].events.map((e) => e.id)).toEqual([decide.id, second.id]);
    // Masked like the list: a phone number in a note never travels back in full.
    expect(JSON.stringify(late.changes)).not.toContain('13812345678');
    expect(late.changes!.staff.map((s) => s.id).sort()).toEqual(['demo-s1', 'demo-s2']);

    // A replay (its answer lost) brings the same; a refused step on a case out of scope brings nothing.
    const replayed = CasePushResponseSchema.parse((await pushActions(srv.baseUrl, staff, [second])).body);
    expect(replayed.results[0].status).toBe('duplicate');
    expect(replayed.changes!.cases[0].events.map((e) => e.id)).toEqual([decide.id, second.id]);
    const w2 = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2);
    const foreign = CasePushResponseSchema.parse((await pushActions(srv.baseUrl, w2, [action(bad.id, 'demo-s3', { type: 'RECTIFY', what: '看看' }, 3)])).body);
    expect(foreign.results[0].error?.code).toBe('NOT_FOUND');
    expect(foreign.changes).toEqual({ cases: [], staff: [] });
  });
});
