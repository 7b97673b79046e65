import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { openPostgresStore } from '../../sync-server/store/postgres/open-postgres';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { openCaseStream } from '../support/live-stream';
import { action, pushActions } from '../support/cases';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, demoRating, DEMO_DEVICE } from '../support/ratings';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

/**
 * Issue 13: two server processes on one PostgreSQL behind a round-robin proxy. The same batches pushed to both at
 * once, case steps from two tablets on one case, instances killed in turn: no duplicate, no lost update.
 */
const KEY = randomBytes(32).toString('base64');
let processes: ServerProcess[] = [];
let proxy: RoundRobinProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  for (const p of processes) await p.stop();
  processes = [];
  proxy = undefined;
});
afterAll(dropTestSchemas);

async function twoOnPostgres() {
  const schema = newTestSchema('hcp_two');
  // Each instance has its own folder: nothing but the key is shared, and that through the environment.
  const env = { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema, HCP_CONTACT_KEY: KEY, PGPOOL_MAX: '4' };
  processes = await Promise.all([spawnServer({ dataDir: tempDir('pg-a'), env }), spawnServer({ dataDir: tempDir('pg-b'), env })]);
  const store = () => openPostgresStore({ connectionString: PG_TEST_URL, schema, max: 2 }, new ContactCipher(Buffer.from(KEY, 'base64')));
  return { schema, env, store };
}

const push = (base: string, items: unknown[]) => postJson(base + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items });

describe('two instances on one PostgreSQL', () => {
  it('started together: migrate and seed once; the same batches pushed to both at once are stored once', async () => {
    const { store } = await twoOnPostgres();
    const [a, b] = processes.map((p) => p.baseUrl);
    const batches = Array.from({ length: 8 }, (_, i) => Array.from({ length: 100 }, (_, j) => demoRating({ level: (i + j) % 7 === 0 ? 'BASICALLY_SATISFIED' : 'SATISFIED' })));
    const answers = await Promise.all(batches.flatMap((items) => [push(a, items), push(b, items)]));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Per item, one instance accepted it and the other found it there: a duplicate.
    for (let i = 0; i < batches.length; i++) {
      const [fromA, fromB] = [answers[2 * i].body.results, answers[2 * i + 1].body.results];
      for (let j = 0; j < 100; j++) expect([fromA[j].status, fromB[j].status].sort()).toEqual(['accepted', 'duplicate']);
    }
    const s = await store();
    try {
      expect(await s.countRatings()).toBe(800);
      expect((await s.loadCatalog()).units).toHaveLength(1); // the demo hall seeded once
    } finally {
      await s.close();
    }
  });

  it('case steps from two tablets on the same case at once: one goes on, the other is a conflict, nothing lost', async () => {
    const { store } = await twoOnPostgres();
    const [a, b] = processes.map((p) => p.baseUrl);
    const bad = badRating({ staffId: 'demo-s1' });
    expect((await push(a, [bad])).body.results[0].status).toBe('accepted');
    const staff = await signIn(a, DEMO_ACCOUNTS.STAFF);
    const lead = await signIn(b, DEMO_ACCOUNTS.LEAD);
    expect((await pushActions(b, staff, [action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })])).body.results[0].status).toBe('accepted');
    // Both decide on version 1 at the same moment, through different instances.
    const [byStaff, byLead] = await Promise.all([
      pushActions(a, staff, [action(bad.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_WITHIN_5' }, 1)]),
      pushActions(b, lead, [action(bad.id, 'demo-s2', { type: 'DECIDE', path: 'FIX_NOW' }, 1)]),
    ]);
    const statuses = [byStaff.body.results[0].status, byLead.body.results[0].status].sort();
    expect(statuses).toEqual(['accepted', 'conflict']);
    const s = await store();
    try {
      const events = (await s.getCase(bad.id))!.events;
      expect(events.map((e) => e.action.type)).toEqual(['CALL_BACK', 'DECIDE']);
      const winner = byStaff.body.results[0].status === 'accepted' ? 'demo-s1' : 'demo-s2';
      expect(events[1].by).toBe(winner);
    } finally {
      await s.close();
    }
    // The lists on both instances agree.
    const list = async (base: string) => {
      const { serverTime: _now, ...rest } = (await api(base, 'GET', '/api/v1/cases', { cookie: lead })).body;
      return JSON.stringify(rest);
    };
    expect(await list(a)).toBe(await list(b));
  });

  it('a bad review taken by one instance reaches the rated clerk’s live stream on the other (LISTEN/NOTIFY)', async () => {
    await twoOnPostgres();
    const [a, b] = processes.map((p) => p.baseUrl);
    const stream = await openCaseStream(b, await signIn(b, DEMO_ACCOUNTS.STAFF));
    try {
      expect(stream.status).toBe(200);
      const bad = badRating({ staffId: 'demo-s1' });
      const pushed = Date.now();
      expect((await push(a, [bad])).body.results[0].status).toBe('accepted');
      const message = await stream.next((m) => m.type === 'case-opened' && m.case.caseId === bad.id, { timeoutMs: 10_000 });
      expect(message).toMatchObject({ case: { windowId: 'demo-w1', staffId: 'demo-s1' } });
      console.info(`live alert across two PostgreSQL instances: ${Date.now() - pushed} ms after the push`);
    } finally {
      stream.close();
    }
  });

  it('instances killed in turn behind the proxy: a tablet retrying each batch until answered ends with each rating once', async () => {
    const { env, store } = await twoOnPostgres();
    const dirs = [tempDir('pg-a2'), tempDir('pg-b2')];
    const ports = processes.map((p) => p.port);
    proxy = await startRoundRobinProxy(() => ports.map((port) => `http://127.0.0.1:${port}`));
    const all = Array.from({ length: 40 }, () => Array.from({ length: 50 }, () => demoRating()));
    let sent = 0;
    // Woken at each acknowledged batch: the test waits for the tablet's progress, not in a loop that burns a core.
    const waiting: { n: number; wake: () => void }[] = [];
    // The tablet: one batch at a time, sent again until an answer comes, as the sync engine does.
    const tablet = (async () => {
      for (const items of all) {
        for (;;) {
          const r = await push(proxy!.baseUrl, items).catch(() => null);
          if (r?.status === 200) break;
          await new Promise((resolve) => setTimeout(resolve, 50)); // the engine's backoff, shortened
        }
        sent += 1;
        for (const w of waiting.filter((x) => sent >= x.n)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.wake();
        }
      }
    })();
    const waitFor = (n: number) => (sent >= n ? Promise.resolve() : new Promise<void>((wake) => waiting.push({ n, wake })));
    for (const victim of [0, 1]) {
      await waitFor(10 + 15 * victim);
      processes[victim].child.kill('SIGKILL');
      await processes[victim].exited;
      processes[victim] = await spawnServer({ dataDir: dirs[victim], port: ports[victim], env });
    }
    await tablet;
    const s = await store();
    try {
      expect(await s.countRatings()).toBe(40 * 50);
    } finally {
      await s.close();
    }
    expect(proxy.counts.forwarded.every((n) => n > 0)).toBe(true);
  });
});
