import { describe, expect, it } from 'vitest';
import type { PushRequest, PushResponse, Health } from '../../src/domain/sync-api';
import type { KioskDatabase } from '../../src/data/db';
import { getMeta, setMeta } from '../../src/data/meta';
import { readOutboxStatus } from '../../src/data/outbox-status';
import { exportUnsent } from '../../src/data/unsent-export';
import { SyncEngine } from '../../src/data/sync-engine';
import type { TransportResult } from '../../src/data/sync-transport';
import { localCaseActions, queueCaseAction } from '../../src/data/case-actions';
import { uuidv7 } from '../../src/domain/ids';
import { badDraft, freshDb, queueRatings } from '../support/kiosk-fixtures';

type Answer = (req: PushRequest) => TransportResult<PushResponse> | Promise<TransportResult<PushResponse>>;
const ok = (req: PushRequest, status: (i: number) => PushResponse['results'][number]['status'] = () => 'accepted'): TransportResult<PushResponse> => ({
  kind: 'ok',
  body: { serverTime: Date.now(), results: req.items.map((r, index) => ({ index, id: (r as { id: string }).id, status: status(index) })) },
  bytesSent: 0,
});
const healthy = async (): Promise<TransportResult<Health>> => ({ kind: 'ok', body: { status: 'ok', serverTime: Date.now(), version: 't' }, bytesSent: 0 });

function engineWith(db: KioskDatabase, answers: Answer[], opts: { batchSize?: number; now?: () => number; stream?: 'kiosk' | 'case'; author?: string } = {}) {
  const requests: PushRequest[] = [];
  const engine = new SyncEngine({
    db,
    stream: opts.stream,
    // A session stream sends the signed-in person's items only: here, whoever the test names.
    author: async () => opts.author,
    batchSize: opts.batchSize,
    now: opts.now,
    random: () => 0.5,
    health: healthy,
    push: async (req) => {
      requests.push(structuredClone(req));
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
      return answer(req);
    },
  });
  return { engine, requests };
}

describe('SyncEngine', () => {
  it('removes acknowledged ratings from the device, contact data with them', async () => {
    const db = await freshDb();
    const [goodId, badId] = await queueRatings(db, [{ level: 'SATISFIED' }, badDraft]);
    const { engine, requests } = engineWith(db, [(req) => ok(req)]);
    const summary = await engine.sync('startup');
    expect(summary).toMatchObject({ sent: 2, acknowledged: 2 });
    expect(requests[0].items.map((r) => (r as { id: string }).id)).toEqual([goodId, badId]);
    expect((requests[0].items[1] as { contact: unknown }).contact).toEqual({ name: '张三', phone: '13812345678' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.ratings.count()).toBe(0);
    expect(JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())))).not.toContain('13812345678');
  });

  it('treats a duplicate as acknowledged', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }]);
    const { engine } = engineWith(db, [(req) => ok(req, () => 'duplicate')]);
    await engine.sync('startup');
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps conflicts and refused records aside, visible, and never sends them again', async () => {
    const db = await freshDb();
    const ids = await queueRatings(db, [{ level: 'SATISFIED' }, { level: 'BASICALLY_SATISFIED' }, { level: 'VERY_SATISFIED' }]);
    const { engine, requests } = engineWith(db, [(req) => ok(req, (i) => (['accepted', 'conflict', 'invalid'] as const)[i])]);
    await engine.sync('startup');
    const status = await readOutboxStatus(db);
    expect(status).toMatchObject({ pending: 0, conflicts: 1, dead: 1 });
    expect((await db.outbox.get(ids[1]))?.state).toBe('conflict');
    expect((await db.outbox.get(ids[2]))?.state).toBe('dead');
    expect((await db.ratings.toArray()).map((r) => r.id)).toEqual([ids[1], ids[2]]);
    await engine.sync('manual');
    expect(requests).toHaveLength(1);
  });

  it('deletes only acknowledged items when a held one lies between them', async () => {
    const db = await freshDb();
    const ids = await queueRatings(db, [{ level: 'SATISFIED' }, { level: 'SATISFIED' }, { level: 'SATISFIED' }, { level: 'SATISFIED' }]);
    const { engine, requests } = engineWith(db, [(req) => ok(req, (i) => (i === 1 ? 'conflict' : 'accepted'))]);
    await engine.sync('startup');
    expect(requests[0].items.map((r) => (r as { id: string }).id)).toEqual(ids);
    expect((await db.outbox.toArray()).map((i) => [i.id, i.state])).toEqual([[ids[1], 'conflict']]);
    expect((await db.ratings.toArray()).map((r) => r.id)).toEqual([ids[1]]);
  });

  it('backs off after a retryable failure, keeps everything, and tries again when due or when the network returns', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }, badDraft]);
    let now = 1_000_000;
    const { engine, requests } = engineWith(
      db,
      [() => ({ kind: 'retryable', error: { code: 'NETWORK', message: 'offline' } }), (req) => ok(req)],
      { now: () => now },
    );
    expect((await engine.sync('submit')).stoppedBy).toBe('retryable');
    expect(await db.outbox.count()).toBe(2);
    expect((await db.outbox.toArray()).map((i) => i.attempts)).toEqual([1, 1]);
    const backoff = await getMeta(db, 'backoff');
    expect(backoff?.failures).toBe(1);
    expect(backoff!.nextAttemptAt).toBeGreaterThan(now);

    expect((await engine.sync('timer')).stoppedBy).toBe('backoff');
    expect(requests).toHaveLength(1);
    now = backoff!.nextAttemptAt;
    expect((await engine.sync('timer')).acknowledged).toBe(2);
    expect(await db.outbox.count()).toBe(0);
    expect((await getMeta(db, 'syncStatus'))?.lastError).toBeUndefined();
  });

  it('lets `online` skip the remaining wait', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }]);
    const { engine } = engineWith(db, [() => ({ kind: 'retryable', error: { code: 'HTTP_503', message: '' } }), (req) => ok(req)]);
    await engine.sync('submit');
    expect((await engine.sync('online')).acknowledged).toBe(1);
  });

  it('honours Retry-After when it asks for longer than the backoff', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }]);
    const now = 5_000_000;
    const { engine } = engineWith(db, [() => ({ kind: 'retryable', error: { code: 'HTTP_429', message: '' }, retryAfterMs: 120_000 })], { now: () => now });
    await engine.sync('submit');
    expect((await getMeta(db, 'backoff'))?.nextAttemptAt).toBe(now + 120_000);
  });

  it('moves a whole batch to the dead letters on a permanent refusal, deleting nothing', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }, { level: 'SATISFIED' }]);
    const { engine } = engineWith(db, [() => ({ kind: 'permanent', status: 400, error: { code: 'VALIDATION_FAILED', message: 'deviceId' } })]);
    await engine.sync('startup');
    expect(await readOutboxStatus(db)).toMatchObject({ pending: 0, dead: 2 });
    expect((await db.outbox.toArray())[0].lastError?.code).toBe('VALIDATION_FAILED');
    expect((await getMeta(db, 'syncStatus'))?.lastError?.kind).toBe('permanent');
  });

  it('stops on an auth refusal and keeps every item waiting', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }]);
    const { engine } = engineWith(db, [() => ({ kind: 'auth', status: 401, error: { code: 'DEVICE_REVOKED', message: '' } })]);
    expect((await engine.sync('startup')).stoppedBy).toBe('auth');
    expect(await readOutboxStatus(db)).toMatchObject({ pending: 1, dead: 0 });
    expect((await getMeta(db, 'syncStatus'))?.lastError?.kind).toBe('auth');
  });

  it('halves the batch when the server finds it too large', async () => {
    const db = await freshDb();
    await queueRatings(db, Array.from({ length: 8 }, () => ({ level: 'SATISFIED' as const })));
    const { engine, requests } = engineWith(
      db,
      [(req) => (req.items.length > 2 ? { kind: 'tooLarge', error: { code: 'PAYLOAD_TOO_LARGE', message: '' } } : ok(req))],
      { batchSize: 8 },
    );
    await engine.sync('startup');
    expect(requests.map((r) => r.items.length)).toEqual([8, 4, 2, 2, 2, 2]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('leaves unanswered items waiting and ignores answers naming the wrong id', async () => {
    const db = await freshDb();
    const ids = await queueRatings(db, [{ level: 'SATISFIED' }, { level: 'SATISFIED' }]);
    const { engine } = engineWith(db, [
      (req) => ({ ...ok(req), body: { serverTime: Date.now(), results: [{ index: 0, id: ids[0], status: 'accepted' }, { index: 1, id: ids[0], status: 'accepted' }] } }),
    ]);
    await engine.sync('startup');
    expect((await db.outbox.toArray()).map((i) => i.id)).toEqual([ids[1]]);
  });

  it('runs one sync at a time; a trigger during a run schedules exactly one more', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }]);
    let inFlight = 0;
    let maxInFlight = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inFirstPush = new Promise<void>((r) => (entered = r));
    const { engine, requests } = engineWith(db, [
      async (req) => {
        entered();
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await gate;
        inFlight--;
        return ok(req);
      },
    ]);
    const first = engine.sync('startup');
    await inFirstPush; // the first batch is on the wire, however long a busy machine took to get there
    await queueRatings(db, [{ level: 'VERY_SATISFIED' }]);
    const second = engine.sync('submit');
    const third = engine.sync('timer');
    release();
    await Promise.all([first, second, third]);
    expect(maxInFlight).toBe(1);
    expect(requests.map((r) => r.items.length)).toEqual([1, 1]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('estimates the device clock offset from the server clock', async () => {
    const db = await freshDb();
    await queueRatings(db, [{ level: 'SATISFIED' }]);
    const deviceNow = () => Date.now() - 90_000; // device 90 s slow
    const { engine } = engineWith(db, [(req) => ok(req)], { now: deviceNow });
    await engine.sync('startup');
    const offset = await getMeta(db, 'clockOffsetMs');
    expect(Math.abs(offset! - 90_000)).toBeLessThan(1_000);
  });

  it('checks health when nothing waits, so the status strip knows the server is reachable', async () => {
    const db = await freshDb();
    const { engine, requests } = engineWith(db, [(req) => ok(req)]);
    await engine.sync('timer');
    expect(requests).toHaveLength(0);
    expect((await getMeta(db, 'syncStatus'))?.lastSuccessAt).toBeGreaterThan(0);
  });

  it('sends case actions on their own stream, keeps a refused one with its reason, and leaves ratings alone', async () => {
    const db = await freshDb();
    const [ratingId] = await queueRatings(db, [{ level: 'SATISFIED' }]);
    const caseId = uuidv7();
    const first = { id: uuidv7(), caseId, baseVersion: 0, action: { type: 'CALL_BACK' as const, channel: 'PHONE' as const, outcome: 'REACHED' as const }, by: 'demo-s1', at: Date.now() };
    const second = { ...first, id: uuidv7(), baseVersion: 1, action: { type: 'DECIDE' as const, path: 'FIX_NOW' as const } };
    await queueCaseAction(db, first);
    await queueCaseAction(db, second);
    const { engine, requests } = engineWith(db, [(req) => ok(req, (i) => (i === 0 ? 'accepted' : 'conflict'))], { stream: 'case', author: 'demo-s1' });
    expect(await engine.sync('submit')).toMatchObject({ sent: 2, acknowledged: 1, conflicts: 1 });
    expect(requests[0].items).toEqual([first, second]);
    expect((await localCaseActions(db)).map((a) => [a.record.id, a.state])).toEqual([[second.id, 'conflict']]);
    expect((await db.outbox.get(ratingId))?.state).toBe('pending'); // the kiosk's stream is not this engine's
    expect(await db.ratings.count()).toBe(1);
  });

  it('keeps a device refusal when only the public health check answers: the kiosk stays refused', async () => {
    const db = await freshDb();
    const refusal = { kind: 'auth' as const, code: 'DEVICE_REVOKED', message: 'revoked' };
    await setMeta(db, 'syncStatus', { lastAttemptAt: 1, lastSuccessAt: 1, lastError: refusal });
    const { engine } = engineWith(db, []);
    await engine.sync('timer'); // nothing queued: a health check, which answers ok
    expect((await getMeta(db, 'syncStatus'))?.lastError).toEqual(refusal);
  });

  it('exports every unsent item with its content, case steps included, as the last resort', async () => {
    const db = await freshDb();
    const [ratingId] = await queueRatings(db, [badDraft]);
    const step = { id: uuidv7(), caseId: uuidv7(), baseVersion: 0, action: { type: 'CLOSE' as const }, by: 'demo-s1', at: Date.now() };
    await queueCaseAction(db, step);
    const file = JSON.parse((await exportUnsent(db)).json) as { items: { outbox: { id: string }; record: { id: string } | null }[] };
    expect(file.items.map((i) => [i.outbox.id, i.record?.id])).toEqual([
      [ratingId, ratingId],
      [step.id, step.id],
    ]);
  });
});
