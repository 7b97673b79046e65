import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABANDONED_TAP_PATHS } from '../../src/domain/abandoned-taps';
import { uuidv7 } from '../../src/domain/ids';
import { openSqliteDatabase } from '../../sync-server/store/sqlite/open-sqlite';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { loadContactKey } from '../../sync-server/crypto/contact-key';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, type InProcessServer } from '../support/server';

const DEVICE = 'dev-kiosk-w1-0001';
let srv: InProcessServer;
let admin: string;

beforeEach(async () => {
  srv = await startInProcessServer({ demo: false }); // production: a kiosk pushes with its credential
  admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
});
afterEach(async () => {
  await srv.close();
});

async function enrolAt(windowId: string, deviceId = DEVICE) {
  const code = (await api(srv.baseUrl, 'POST', '/api/v1/admin/enrolment-codes', { cookie: admin, body: { windowId } })).body.code;
  const report = { appVersion: '0.3.0', queueDepth: 0, conflicts: 0, deadLetters: 0, storagePersisted: true };
  return (await api(srv.baseUrl, 'POST', '/api/v1/devices/enrol', { body: { code, deviceId, report } })).body.credential as string;
}
const tap = (windowId: string, month: string) => ({ id: uuidv7(), windowId, month });
const push = (credential: string | null, items: unknown[], deviceId = DEVICE) =>
  api(srv.baseUrl, 'POST', ABANDONED_TAP_PATHS.push, {
    body: { deviceId, sentAt: Date.now(), items },
    headers: credential ? { authorization: `Bearer ${credential}` } : {},
  });
const counts = async (who: string) => api(srv.baseUrl, 'GET', ABANDONED_TAP_PATHS.counts, { cookie: await signIn(srv.baseUrl, who) });

describe('abandoned bad taps', () => {
  it('are counted once per id, per window and month, whatever the replays', async () => {
    const w1 = await enrolAt('demo-w1');
    const w2 = await enrolAt('demo-w2', 'dev-kiosk-w2-0001');
    const a = tap('demo-w1', '2026-10');
    const b = tap('demo-w1', '2026-11');
    const c = tap('demo-w1', '2026-11');
    const first = await push(w1, [a, b, c]);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    // The answer was lost: the tablet sends the same batch again, and once more within one batch.
    const replay = await push(w1, [a, b, c, c]);
    expect(replay.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect((await push(w2, [tap('demo-w2', '2026-11')], 'dev-kiosk-w2-0001')).body.results[0].status).toBe('accepted');

    const all = await counts(DEMO_ACCOUNTS.SUPERVISION);
    expect(all.status).toBe(200);
    expect(all.body.counts).toEqual([
      { windowId: 'demo-w1', month: '2026-11', count: 2 },
      { windowId: 'demo-w2', month: '2026-11', count: 1 },
      { windowId: 'demo-w1', month: '2026-10', count: 1 },
    ]);
    const lead = await counts(DEMO_ACCOUNTS.LEAD); // lead of window 1
    expect(lead.body.counts).toEqual([
      { windowId: 'demo-w1', month: '2026-11', count: 2 },
      { windowId: 'demo-w1', month: '2026-10', count: 1 },
    ]);
  });

  it('are refused with a reason, never half-stored: content, another window, another device, no credential', async () => {
    const w1 = await enrolAt('demo-w1');
    const withContent = { ...tap('demo-w1', '2026-11'), level: 'DISSATISFIED', comment: '排队太久' };
    const res = await push(w1, [tap('demo-w1', '2026-11'), withContent, tap('demo-w2', '2026-11'), tap('demo-w1', '2026-13')]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'invalid', 'invalid', 'invalid']);
    expect(res.body.results[2].error.code).toBe('WRONG_WINDOW');
    expect((await push(null, [tap('demo-w1', '2026-11')])).status).toBe(401);
    expect((await push(w1, [tap('demo-w1', '2026-11')], 'dev-someone-else')).status).toBe(403);
    const bad = await api(srv.baseUrl, 'POST', ABANDONED_TAP_PATHS.push, { body: { deviceId: DEVICE, sentAt: Date.now(), items: [] }, headers: { authorization: `Bearer ${w1}` } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await counts(DEMO_ACCOUNTS.SUPERVISION)).body.counts).toEqual([{ windowId: 'demo-w1', month: '2026-11', count: 1 }]);
  });

  it('are stored without any content: id, window and month only', async () => {
    const w1 = await enrolAt('demo-w1');
    await push(w1, [tap('demo-w1', '2026-11')]);
    const db = openSqliteDatabase(srv.dataDir, new ContactCipher(loadContactKey(srv.dataDir, {}).key));
    try {
      const columns = (db.prepare('PRAGMA table_info(abandoned_taps)').all() as { name: string }[]).map((c) => c.name).sort();
      expect(columns).toEqual(['id', 'month', 'window_id']);
      expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 12').pluck().get()).toBe(12);
    } finally {
      db.close();
    }
  });

  it('are shown to leads and supervision, never to window staff, the office or personnel', async () => {
    for (const who of [DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.STAFF_W2, DEMO_ACCOUNTS.OFFICE, DEMO_ACCOUNTS.PERSONNEL, DEMO_ACCOUNTS.ADMIN]) {
      const res = await counts(who);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe('FORBIDDEN');
    }
    expect((await api(srv.baseUrl, 'GET', ABANDONED_TAP_PATHS.counts)).status).toBe(401);
    expect((await counts(DEMO_ACCOUNTS.LEAD)).status).toBe(200);
  });
});
