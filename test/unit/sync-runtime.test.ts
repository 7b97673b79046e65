// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localCaseActions, queueCaseAction } from '../../src/data/case-actions';
import type { KioskDatabase } from '../../src/data/db';
import { getMeta, setMeta } from '../../src/data/meta';
import { entriesOf } from '../../src/data/stream-tables';
import { startSyncRuntime, type SyncRuntime } from '../../src/data/sync-runtime';
import type { Me } from '../../src/domain/account-api';
import { CASE_PATHS } from '../../src/domain/case-api';
import { uuidv7 } from '../../src/domain/ids';
import { HEALTH_PATH } from '../../src/domain/sync-constants';
import { freshDb, queueRatings } from '../support/kiosk-fixtures';

const me: Me = { id: 'demo-s1', name: '李明', employeeNo: 'D1001', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const step = () => ({ id: uuidv7(), caseId: uuidv7(), baseVersion: 0, action: { type: 'CLOSE' as const }, by: me.id, at: Date.now() });
/** The server's answer to a batch: every item accepted. */
const acceptAll = async (init?: RequestInit) => {
  const body = JSON.parse(String(init?.body)) as { items: { id: string }[] };
  return json({ serverTime: Date.now(), results: body.items.map((r, index) => ({ index, id: r.id, status: 'accepted' })) });
};

let db: KioskDatabase;
let runtime: SyncRuntime | undefined;
beforeEach(async () => {
  db = await freshDb();
  await setMeta(db, 'me', me);
});
afterEach(() => {
  runtime?.stop();
  runtime = undefined;
  vi.unstubAllGlobals();
});

describe('the sync runtime: one engine per stream, each on its own', () => {
  it('sends a case step while the kiosk stream is still waiting for its health check', async () => {
    let answerHealth!: () => void;
    const healthAsked = new Promise<void>((asked) =>
      vi.stubGlobal(
        'fetch',
        vi.fn(async (url: string, init?: RequestInit) => {
          if (url === HEALTH_PATH) {
            asked();
            await new Promise<void>((r) => (answerHealth = r)); // the hall's Wi-Fi holds this one
            return json({ status: 'ok', serverTime: Date.now(), version: 't' });
          }
          if (url === CASE_PATHS.push) return acceptAll(init);
          return json({ error: { code: 'NOT_FOUND', message: url } }, 404);
        }),
      ),
    );
    await queueCaseAction(db, step());
    runtime = startSyncRuntime(db);
    await healthAsked;
    await vi.waitFor(async () => expect(await localCaseActions(db)).toEqual([]), { timeout: 15_000 });
    expect(await getMeta(db, 'syncStatus')).toBeUndefined(); // the kiosk's check has not come back yet
    answerHealth();
  });

  it("retries a case step when the case stream's own backoff ends, whatever the kiosk's backoff says", async () => {
    await queueRatings(db, [{ level: 'SATISFIED' }]);
    // The kiosk's route has been failing for a while (minutes between tries); the case route is back after one 503.
    let casePushes = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === HEALTH_PATH) return json({ status: 'ok', serverTime: Date.now(), version: 't' });
        if (url === CASE_PATHS.push) return ++casePushes === 1 ? json({ error: { code: 'UNAVAILABLE', message: 'restarting' } }, 503) : acceptAll(init);
        return json({ error: { code: 'UNAVAILABLE', message: 'down' } }, 503);
      }),
    );
    await setMeta(db, 'backoff', { failures: 8, nextAttemptAt: Date.now() + 3_600_000 });
    await queueCaseAction(db, step());
    runtime = startSyncRuntime(db);
    await vi.waitFor(async () => expect((await getMeta(db, 'caseBackoff'))?.failures).toBe(1), { timeout: 15_000 });
    // No further trigger: the case stream's own retry timer sends it once its backoff (1 to 2 s) is over.
    await vi.waitFor(async () => expect(await localCaseActions(db)).toEqual([]), { timeout: 15_000, interval: 100 });
    expect(casePushes).toBe(2);
    expect(await entriesOf(db, 'kiosk', 'pending').count()).toBe(1); // the kiosk's still waits, minutes away
    expect((await getMeta(db, 'backoff'))!.nextAttemptAt - Date.now()).toBeGreaterThan(60_000);
  });
});
