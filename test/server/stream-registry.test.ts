import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskDatabase } from '../../src/data/db';
import { getMeta } from '../../src/data/meta';
import { readStreamStatuses } from '../../src/data/outbox-status';
import { allStreams, stream } from '../../src/data/stream-tables';
import type { OutboxStream } from '../../src/data/streams';
import { startSyncRuntime } from '../../src/data/sync-runtime';
import { exportUnsent } from '../../src/data/unsent-export';
import { buildRatingRecord } from '../../src/data/submit-rating';
import { badDraft, demoConfig, freshDb } from '../support/kiosk-fixtures';
import { DEMO_DEVICE } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

/**
 * Adding a stream is one entry in src/data/streams.ts. Here that entry is added at test time, to the registry module
 * only: a stream named 'echo' whose items are ratings waiting in the `ratings` table, sent with the device credential
 * to the kiosk route (whose payload it reuses). Nothing else knows of it; the engine, the push, /device's stream
 * list and the unsent-items file must all find it in the registry.
 */
vi.mock('../../src/data/streams', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/data/streams')>();
  const echo = {
    table: 'ratings',
    path: real.STREAMS.kiosk.path,
    auth: 'device',
    statusKey: 'echoSyncStatus',
    backoffKey: 'echoBackoff',
    labelKey: 'device.stream.echo',
    exported: 'rating',
    runs: 'whenWaiting',
  } satisfies import('../../src/data/streams').StreamSpec;
  return { ...real, STREAMS: { ...real.STREAMS, echo } };
});

const ECHO = 'echo' as OutboxStream; // not among the built-in names the type knows

let srv: InProcessServer;
beforeEach(async () => {
  srv = await startInProcessServer();
});
afterEach(async () => {
  await srv.close();
});

/** Queues records in the 'echo' stream as any stream's queueing code would: payload and outbox entry together. */
async function queueEcho(db: KioskDatabase, count: number) {
  const now = Date.now();
  const records = Array.from({ length: count }, () =>
    buildRatingRecord(badDraft, { config: demoConfig, deviceId: DEMO_DEVICE, locale: 'zh-CN', staffId: 'demo-s1' }),
  );
  await db.transaction('rw', db.ratings, db.outbox, async () => {
    await db.ratings.bulkAdd(records.map((record) => ({ id: record.id, record, createdAt: now })));
    await db.outbox.bulkAdd(records.map((r) => ({ id: r.id, stream: ECHO, state: 'pending' as const, attempts: 0, enqueuedAt: now, updatedAt: now })));
  });
  return records;
}

/** The sync runtime in Node: a window and document that only take listeners, no Web Locks, fetch to the test server. */
function startRuntimeAgainst(db: KioskDatabase) {
  const realFetch = globalThis.fetch;
  vi.stubGlobal('window', Object.assign(new EventTarget(), { setTimeout, clearTimeout, setInterval, clearInterval }));
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  vi.stubGlobal('navigator', {});
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(srv.baseUrl + url, init));
  return startSyncRuntime(db);
}

describe('a stream declared only in the registry', () => {
  it('is pushed and acknowledged, listed on /device, and exported while unsent', async () => {
    expect(allStreams().map((s) => s.name)).toContain(ECHO);
    const db = await freshDb();
    const records = await queueEcho(db, 10);

    // /device lists it with its queue; the unsent-items file holds its records, contact kept out of the readable part.
    expect((await readStreamStatuses(db)).find((s) => s.name === ECHO)).toMatchObject({ labelKey: 'device.stream.echo', pending: 10, conflicts: 0, dead: 0 });
    const unsent = await exportUnsent(db);
    const file = JSON.parse(unsent.json) as { items: { outbox: { id: string; stream: string }; record: { id: string } | null }[] };
    expect(unsent.count).toBe(10);
    expect(file.items.map((i) => [i.outbox.stream, i.record?.id])).toEqual(records.map((r) => [ECHO, r.id]));
    expect(unsent.json).not.toContain('13812345678');

    // Pushed by the runtime the app starts: it builds one engine per registry entry, and this one's route and
    // authentication come from its entry. Only what the runtime reaches of the browser is stood in for here.
    const runtime = startRuntimeAgainst(db);
    try {
      expect(Object.keys(runtime.engines)).toContain(ECHO);
      await runtime.trigger('manual');
      await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
    } finally {
      runtime.stop();
      vi.unstubAllGlobals();
    }
    expect((await srv.store.getRatings(records.map((r) => r.id))).length).toBe(10);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.ratings.count()).toBe(0);

    // Its status under its own key, as its entry names it.
    expect(stream(ECHO).statusKey).toBe('echoSyncStatus');
    expect((await getMeta(db, stream(ECHO).statusKey))?.lastSuccessAt).toBeGreaterThan(0);
    expect((await readStreamStatuses(db)).find((s) => s.name === ECHO)).toMatchObject({ pending: 0, sync: { lastSuccessAt: expect.any(Number) } });
    expect((await exportUnsent(db)).count).toBe(0);
  });
});
