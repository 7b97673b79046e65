import 'fake-indexeddb/auto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCaseActions, queueCaseAction } from '../../src/data/case-actions';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { readOutboxStatus, readStreamStatuses } from '../../src/data/outbox-status';
import { countWaiting } from '../../src/data/stream-tables';
import { stream } from '../../src/data/stream-tables';
import type { OutboxStream } from '../../src/data/streams';
import { submitPaperForm } from '../../src/data/submit-paper';
import { SyncEngine } from '../../src/data/sync-engine';
import { streamPush } from '../../src/data/sync-runtime';
import { fetchHealth, pushRatings } from '../../src/data/sync-transport';
import type { Me } from '../../src/domain/account-api';
import { EMPTY_PAPER_FORM, paperRecordFromForm } from '../../src/domain/paper-form';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import type { PushRequest } from '../../src/domain/sync-api';
import { DEMO_ACCOUNTS, signIn } from '../support/api';
import { action } from '../support/cases';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { badDraft, freshDb, queueRatings } from '../support/kiosk-fixtures';
import { postJson, startInProcessServer, type InProcessServer } from '../support/server';

let srv: InProcessServer;
beforeEach(async () => {
  srv = await startInProcessServer();
});
afterEach(async () => {
  await srv.close();
});

describe('the kiosk sync engine against the real server', () => {
  it('moves 2,500 queued ratings in batches, each stored exactly once, contact gone from the device', async () => {
    const db = await freshDb();
    const drafts = Array.from({ length: 2500 }, (_, i) => (i % 10 === 0 ? badDraft : { level: 'SATISFIED' as const }));
    await queueRatings(db, drafts);
    const sizes: number[] = [];
    const engine = new SyncEngine({
      db,
      push: (req) => {
        sizes.push(req.items.length);
        return pushRatings(req, { baseUrl: srv.baseUrl });
      },
      health: () => fetchHealth({ baseUrl: srv.baseUrl }),
    });
    const summary = await engine.sync('startup');
    expect(summary).toMatchObject({ acknowledged: 2500, conflicts: 0, dead: 0 });
    expect(sizes).toEqual([2000, 500]);
    expect(await srv.store.countRatings()).toBe(2500);
    expect(await readOutboxStatus(db)).toMatchObject({ pending: 0, conflicts: 0, dead: 0 });
    expect(await db.ratings.count()).toBe(0);
    const stored = await srv.store.listRatings(0, 1);
    expect(await srv.store.revealContact(stored[0].id)).toEqual({ name: '张三', phone: '13812345678' });
  });

  it('retries a batch whose answer was lost after the server stored it, and nothing doubles', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }, badDraft, { level: 'VERY_SATISFIED' }]);
    let calls = 0;
    const engine = new SyncEngine({
      db,
      push: async (req: PushRequest) => {
        const result = await pushRatings(req, { baseUrl: srv.baseUrl });
        // The first answer is lost on the way back, as when the hall's Wi-Fi drops mid-response.
        if (++calls === 1) return { kind: 'retryable', error: { code: 'NETWORK', message: 'connection reset' } };
        return result;
      },
      health: () => fetchHealth({ baseUrl: srv.baseUrl }),
    });
    expect((await engine.sync('submit')).stoppedBy).toBe('retryable');
    expect(await srv.store.countRatings()).toBe(3);
    expect(await db.outbox.count()).toBe(3);
    const second = await engine.sync('online');
    expect(second.acknowledged).toBe(3);
    expect(await srv.store.countRatings()).toBe(3);
    expect(await db.outbox.count()).toBe(0);
  });

  it('sees a conflict when another record arrives under a stored id, and keeps it on the device', async () => {
    const db = await freshDb();
    const [id] = await queueRatings(db, [{ level: 'SATISFIED' }]);
    const rating = (await db.ratings.get(id))!;
    const other = { ...rating.record, level: 'VERY_SATISFIED' as const };
    await pushRatings({ deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [other] }, { baseUrl: srv.baseUrl });
    const engine = new SyncEngine({ db, push: (req) => pushRatings(req, { baseUrl: srv.baseUrl }), health: () => fetchHealth({ baseUrl: srv.baseUrl }) });
    expect((await engine.sync('startup')).conflicts).toBe(1);
    expect(await db.outbox.get(id)).toMatchObject({ state: 'conflict', lastError: { code: 'ID_CONFLICT' } });
  });
});

/** The real fetch over real HTTP, noting each push's encoding; with a session cookie added as the browser would. */
function browserFetch(cookie?: string) {
  const encodings: (string | null)[] = [];
  const bodyBytes: number[] = [];
  const doFetch: typeof fetch = (url, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    if (init?.method === 'POST') {
      encodings.push(headers.get('content-encoding'));
      bodyBytes.push(init.body instanceof Uint8Array ? init.body.length : String(init.body).length);
    }
    return fetch(url, { ...init, headers });
  };
  return { doFetch, encodings, bodyBytes };
}

/** The engine the runtime builds for a stream: its route and authentication come from the registry. */
function streamEngine(db: KioskDatabase, name: OutboxStream, doFetch: typeof fetch) {
  return new SyncEngine({ db, stream: name, push: streamPush(db, stream(name), { baseUrl: srv.baseUrl, fetch: doFetch }), health: () => fetchHealth({ baseUrl: srv.baseUrl }) });
}

const person = (id: string): Me => ({ id, name: id, employeeNo: id, unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false });

describe('every stream through the real transport against the real server', () => {
  it('kiosk: a gzip batch with the device route, each rating stored once', async () => {
    const db = await freshDb();
    await queueRatings(db, Array.from({ length: 12 }, () => badDraft));
    const wire = browserFetch();
    expect(await streamEngine(db, 'kiosk', wire.doFetch).sync('submit')).toMatchObject({ sent: 12, acknowledged: 12 });
    expect(wire.encodings).toEqual(['gzip']);
    expect(await srv.store.countRatings()).toBe(12);
    expect(await db.outbox.count()).toBe(0);
  });

  it("paper: on a shared tablet only the signed-in person's forms go, gzip; the other's wait untouched", async () => {
    const db = await freshDb();
    const form = (caseNumber: string, enteredBy: string) =>
      paperRecordFromForm(
        {
          ...EMPTY_PAPER_FORM,
          caseNumber,
          serviceItemId: 'demo-item-1',
          windowId: 'demo-w1',
          staffId: 'demo-s1',
          serviceDate: '2026-11-20',
          level: 'DISSATISFIED',
          reasons: ['NOT_TOLD_AT_ONCE'],
          comment: '窗口说明不清楚，来回跑了三趟。'.repeat(4),
          evaluatorName: '马六',
          evaluatorPhone: '13700001111',
        },
        { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy, locale: 'zh-CN' },
      );
    // The lead (demo-s2) typed in four forms; the morning's clerk (demo-s4) one, between them.
    const lead = [1, 2, 3, 4].map((n) => form(`QH-2026-00010${n}`, 'demo-s2'));
    const other = form('QH-2026-000200', 'demo-s4');
    for (const r of [lead[0], lead[1], other, lead[2], lead[3]]) await submitPaperForm(db, r, null, r.paper!.enteredBy);
    await setMeta(db, 'me', person('demo-s2'));
    const wire = browserFetch(await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD));

    const summary = await streamEngine(db, 'paper', wire.doFetch).sync('submit');
    expect(summary).toMatchObject({ sent: 4, acknowledged: 4, conflicts: 0, dead: 0 });
    expect(wire.encodings).toEqual(['gzip']);
    const stored = await srv.store.getRatings([...lead, other].map((r) => r.id));
    expect(stored.map((r) => r.id).sort()).toEqual(lead.map((r) => r.id).sort());
    expect(stored.every((r) => r.channel === 'PAPER' && r.paper?.enteredBy === 'demo-s2')).toBe(true);
    expect(await db.outbox.get(other.id)).toMatchObject({ stream: 'paper', state: 'pending', attempts: 0 });
    expect((await db.outbox.get(other.id))?.lastError).toBeUndefined();
    expect(await countWaiting(db, 'paper', 'demo-s4')).toBe(1);
    expect((await readStreamStatuses(db)).find((s) => s.name === 'paper')).toMatchObject({ pending: 1, conflicts: 0, dead: 0 });
  });

  it("case: the signed-in person's steps go gzip to the case route; another's wait for their session", async () => {
    const bad = badRating({ staffId: 'demo-s1' });
    await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), ratings: [bad] });
    const db = await freshDb();
    const mine = [
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE', note: '无人接听，'.repeat(90) }),
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'SMS', outcome: 'REACHED', note: '已发短信并回电说明情况，'.repeat(40) }),
    ];
    const theirs = action(bad.id, 'demo-s2', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' });
    for (const step of [theirs, ...mine]) await queueCaseAction(db, step);
    await setMeta(db, 'me', person('demo-s1'));
    const wire = browserFetch(await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF));

    expect(await streamEngine(db, 'case', wire.doFetch).sync('submit')).toMatchObject({ sent: 2, acknowledged: 2 });
    expect(wire.encodings).toEqual(['gzip']);
    expect(wire.bodyBytes[0]).toBeLessThan(JSON.stringify({ ratings: mine }).length);
    expect((await srv.store.getCase(bad.id))!.events.map((e) => e.id)).toEqual(mine.map((m) => m.id));
    expect((await localCaseActions(db)).map((a) => [a.record.id, a.state])).toEqual([[theirs.id, 'pending']]);
    expect(await db.outbox.get(theirs.id)).toMatchObject({ attempts: 0 });
  });
});

describe('transport: each failure sorted by what the engine must do', () => {
  let stub: http.Server;
  let url: string;
  let reply: (res: http.ServerResponse) => void;
  beforeEach(async () => {
    stub = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => reply(res));
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => stub.close(r));
  });
  const request: PushRequest = { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [{}] };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: http.ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  it.each([
    [503, 'retryable'],
    [500, 'retryable'],
    [408, 'retryable'],
    [429, 'retryable'],
    [413, 'tooLarge'],
    [401, 'auth'],
    [403, 'auth'],
    [400, 'permanent'],
    [422, 'permanent'],
  ])('HTTP %i is %s', async (status, kind) => {
    reply = json(status, { error: { code: 'X', message: 'y' } }, status === 429 ? { 'retry-after': '7' } : {});
    const result = await pushRatings(request, { baseUrl: url });
    expect(result.kind).toBe(kind);
    if (result.kind !== 'ok') expect(result.error.code).toBe('X');
    if (status === 429 && result.kind === 'retryable') expect(result.retryAfterMs).toBe(7000);
  });

  it('treats a 200 page that is not the server answer (a captive portal) as retryable', async () => {
    reply = (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Welcome to hall Wi-Fi</html>');
    };
    expect((await pushRatings(request, { baseUrl: url })).kind).toBe('retryable');
  });

  it('treats a refused connection and a timeout as retryable', async () => {
    await new Promise((r) => stub.close(r));
    expect(await pushRatings(request, { baseUrl: url })).toMatchObject({ kind: 'retryable', error: { code: 'NETWORK' } });
    stub = http.createServer(() => undefined); // never answers
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
    const slow = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    expect(await pushRatings(request, { baseUrl: slow, timeoutMs: 200 })).toMatchObject({ kind: 'retryable' });
    stub.closeAllConnections();
  });

  it('compresses bodies over 1 KiB', async () => {
    let encoding: string | undefined;
    stub.removeAllListeners('request');
    stub.on('request', (req, res) => {
      encoding = req.headers['content-encoding'];
      req.resume();
      req.on('end', () => json(200, { serverTime: Date.now(), results: [] })(res));
    });
    const big = { ...request, items: Array.from({ length: 50 }, (_, i) => ({ i, text: 'x'.repeat(40) })) };
    const result = await pushRatings(big, { baseUrl: url });
    expect(result.kind).toBe('ok');
    expect(encoding).toBe('gzip');
    if (result.kind === 'ok') expect(result.bytesSent).toBeLessThan(JSON.stringify(big).length / 3);
  });
});
