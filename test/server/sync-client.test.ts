import 'fake-indexeddb/auto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOutboxStatus } from '../../src/data/outbox-status';
import { SyncEngine } from '../../src/data/sync-engine';
import { fetchHealth, pushRatings } from '../../src/data/sync-transport';
import type { PushRequest } from '../../src/domain/sync-api';
import { DEMO_DEVICE } from '../support/ratings';
import { badDraft, freshDb, queueRatings } from '../support/kiosk-fixtures';
import { startInProcessServer, type InProcessServer } from '../support/server';

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
