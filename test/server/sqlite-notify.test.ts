import { afterEach, describe, expect, it } from 'vitest';
import type { CaseNotice } from '../../sync-server/live/case-notifier';
import { SqliteCaseNotifier } from '../../sync-server/store/sqlite/sqlite-notify';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { waitUntil } from '../support/browser';
import { openCaseStream, type OpenStream } from '../support/live-stream';
import { badRating, demoRating, DEMO_DEVICE } from '../support/ratings';
import { openDemoStore, spawnServer, startInProcessServer, tempDir, type InProcessServer } from '../support/server';

/**
 * Case notices on SQLite (issue 13): several instances may share one data folder, each with its own connection
 * and its own notifier; a case one of them opens reaches the live streams of all, read from the file itself.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A data folder with the demo hall, and a notifier on it (the file must exist first, as main.ts opens it). */
async function folderWithNotifiers(n: number) {
  const dataDir = tempDir('sqlite-notify');
  await (await openDemoStore(dataDir)).close();
  const notifiers = Array.from({ length: n }, () => new SqliteCaseNotifier(dataDir, { intervalMs: 200 }));
  cleanups.push(() => Promise.all(notifiers.map((x) => x.close())).then(() => undefined));
  return { dataDir, notifiers };
}

async function server(dataDir: string, caseNotifier: SqliteCaseNotifier): Promise<InProcessServer> {
  const srv = await startInProcessServer({ dataDir, app: { caseNotifier } });
  cleanups.push(() => srv.close());
  return srv;
}

async function stream(srv: InProcessServer, employeeNo: string): Promise<OpenStream> {
  const s = await openCaseStream(srv.baseUrl, await signIn(srv.baseUrl, employeeNo));
  cleanups.push(() => s.close());
  return s;
}

describe('SqliteCaseNotifier', () => {
  it('a bad review taken by one instance reaches the streams held by the other and by itself; a good one nothing', async () => {
    const { dataDir, notifiers } = await folderWithNotifiers(2);
    const a = await server(dataDir, notifiers[0]);
    const b = await server(dataDir, notifiers[1]);
    const onB = await stream(b, DEMO_ACCOUNTS.STAFF);
    const onA = await stream(a, DEMO_ACCOUNTS.LEAD);
    const bad = badRating();
    const pushed = await api(a.baseUrl, 'POST', PUSH_RATINGS_PATH, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [demoRating(), bad] } });
    expect(pushed.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    const expected = { type: 'case-opened', case: { caseId: bad.id, windowId: 'demo-w1', staffId: 'demo-s1', unitId: 'demo-unit' } };
    await expect(onB.next((m) => m.type === 'case-opened')).resolves.toEqual(expected);
    await expect(onA.next((m) => m.type === 'case-opened')).resolves.toEqual(expected);
    expect([onA.messages, onB.messages]).toEqual([[expected], [expected]]);
  });

  it('two server processes on one data folder, as main.ts runs them: the one that did not take the rating tells', async () => {
    const dataDir = tempDir('sqlite-notify-processes');
    const a = await spawnServer({ dataDir });
    cleanups.push(() => a.stop());
    const b = await spawnServer({ dataDir });
    cleanups.push(() => b.stop());
    const onB = await openCaseStream(b.baseUrl, await signIn(b.baseUrl, DEMO_ACCOUNTS.LEAD));
    cleanups.push(() => onB.close());
    const bad = badRating();
    const pushed = await api(a.baseUrl, 'POST', PUSH_RATINGS_PATH, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [bad] } });
    expect(pushed.body.results[0].status).toBe('accepted');
    const sent = Date.now();
    await onB.next((m) => m.type === 'case-opened' && m.case.caseId === bad.id);
    // Read by the other process at its next look (twice a second): well within the 2 s the issue asks for.
    expect(Date.now() - sent).toBeLessThan(2_000);
  });

  it('tells each case once, in the order they were committed, and none that was there before it opened', async () => {
    const dataDir = tempDir('sqlite-notify-order');
    const srv = await startInProcessServer({ dataDir });
    cleanups.push(() => srv.close());
    const push = (items: unknown[]) => api(srv.baseUrl, 'POST', PUSH_RATINGS_PATH, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items } });
    await push([badRating()]); // before the notifier: not news
    const watcher = new SqliteCaseNotifier(dataDir, { intervalMs: 50 });
    cleanups.push(() => watcher.close());
    const heard: CaseNotice[] = [];
    watcher.subscribe((n) => heard.push(n));
    const later = Array.from({ length: 3 }, () => badRating());
    for (const r of later) await push([r]);
    await push([later[0]]); // a replay opens nothing
    const ids = () => heard.flatMap((h) => (h.kind === 'opened' ? [h.event.caseId] : []));
    await waitUntil('the three cases', ids, (got) => got.length >= 3, 10_000, 20);
    // One more tick of the watcher, made to happen by a publish: still the same three.
    const extra = badRating();
    await push([extra]);
    await watcher.publish({ caseId: extra.id, windowId: 'demo-w1', staffId: 'demo-s1', unitId: 'demo-unit' });
    await waitUntil('the fourth case', ids, (got) => got.includes(extra.id), 10_000, 20);
    expect(ids()).toEqual([...later.map((r) => r.id), extra.id]);
  });
});
