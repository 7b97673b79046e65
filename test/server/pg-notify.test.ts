import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import type { CaseOpened } from '../../src/domain/case-live';
import type { CaseNotice } from '../../sync-server/live/case-notifier';
import { PgCaseNotifier } from '../../sync-server/store/postgres/pg-notify';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { waitUntil } from '../support/browser';
import { openCaseStream } from '../support/live-stream';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { startInProcessServer, tempDir } from '../support/server';

/**
 * The case notices between instances on PostgreSQL (issue 13): what one instance publishes after its commit is
 * heard by every instance on the same schema, its own included, by none on another schema, and still after the
 * listening connection was cut.
 */
const notifiers: PgCaseNotifier[] = [];
afterEach(async () => {
  for (const n of notifiers.splice(0)) await n.close();
});
afterAll(dropTestSchemas);

async function notifier(schema: string) {
  const errors: unknown[] = [];
  const n = await PgCaseNotifier.open({ connectionString: PG_TEST_URL, schema, backoffMs: { first: 50, max: 1_000 }, onError: (e) => errors.push(e) });
  notifiers.push(n);
  const heard: CaseNotice[] = [];
  n.subscribe((notice) => heard.push(notice));
  return { n, heard, errors };
}

const event = (windowId = 'demo-w1'): CaseOpened => ({ caseId: uuidv7(), windowId, staffId: 'demo-s1', unitId: 'demo-unit' });
const opened = (heard: CaseNotice[]) => heard.flatMap((h) => (h.kind === 'opened' ? [h.event.caseId] : []));
const hears = (who: string, heard: CaseNotice[], caseId: string) => waitUntil(`${who} to hear ${caseId}`, () => opened(heard), (ids) => ids.includes(caseId), 10_000, 20);

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('PgCaseNotifier (LISTEN/NOTIFY)', () => {
  it("carries a notice to every instance on the schema, the publisher's own included, and none on another schema", async () => {
    const schema = newTestSchema();
    const a = await notifier(schema);
    const b = await notifier(schema);
    const elsewhere = await notifier(newTestSchema());
    expect(a.n.channel).toBe(b.n.channel);
    expect(elsewhere.n.channel).not.toBe(a.n.channel);

    const first = event();
    await a.n.publish(first);
    await hears('the other instance', b.heard, first.caseId);
    await hears('the publishing instance', a.heard, first.caseId);
    expect(b.heard).toEqual([{ kind: 'opened', event: first }]);

    // The other schema's notice comes after ours on the wire: had ours leaked to it, it would have come first.
    const theirs = event('demo-w2');
    await elsewhere.n.publish(theirs);
    await hears('the other schema', elsewhere.heard, theirs.caseId);
    expect(opened(elsewhere.heard)).toEqual([theirs.caseId]);
    expect(opened(b.heard)).toEqual([first.caseId]);
  });

  it('ignores a notification that is not a case notice', async () => {
    const schema = newTestSchema();
    const a = await notifier(schema);
    await sql('SELECT pg_notify($1, $2)', [a.n.channel, 'not json']);
    await sql('SELECT pg_notify($1, $2)', [a.n.channel, JSON.stringify({ caseId: 'x', phone: '13812345678' })]);
    const real = event();
    await a.n.publish(real);
    await hears('the instance', a.heard, real.caseId);
    expect(a.heard).toEqual([{ kind: 'opened', event: real }]);
    expect(a.errors).toHaveLength(1); // the JSON that did not parse; the wrong shape is simply not a notice
  });

  it('makes a cut listening connection again, says notices may have been missed, and hears later ones', async () => {
    const schema = newTestSchema();
    const a = await notifier(schema);
    const b = await notifier(schema);
    const before = event();
    await a.n.publish(before);
    await hears('the listener', b.heard, before.caseId);

    const pid = b.n.listenerPid;
    expect(pid).not.toBeNull();
    const [{ terminated }] = await sql('SELECT pg_terminate_backend($1) AS terminated', [pid]);
    expect(terminated).toBe(true);
    await waitUntil('the listener to come back', () => b.heard.some((h) => h.kind === 'missed'), (back) => back, 10_000, 20);
    expect(b.n.listenerPid).not.toBeNull();
    expect(b.n.listenerPid).not.toBe(pid);
    expect(b.errors.length).toBeGreaterThan(0); // the cut was seen as an error and logged, not thrown

    const after = event();
    await a.n.publish(after);
    await hears('the listener made again', b.heard, after.caseId);
    expect(opened(b.heard)).toEqual([before.caseId, after.caseId]);
  });
});

describe('the live case stream across instances', () => {
  it('a bad review taken by one instance reaches the stream held by another', async () => {
    // Two apps on one data folder (the store is shared; the notices go through PostgreSQL, not the process).
    const schema = newTestSchema();
    const dataDir = tempDir('live-two');
    const [na, nb] = [await notifier(schema), await notifier(schema)];
    const a = await startInProcessServer({ dataDir, app: { caseNotifier: na.n } });
    const b = await startInProcessServer({ dataDir, app: { caseNotifier: nb.n } });
    try {
      const stream = await openCaseStream(b.baseUrl, await signIn(b.baseUrl, DEMO_ACCOUNTS.STAFF));
      const bad = badRating();
      const pushed = await api(a.baseUrl, 'POST', PUSH_RATINGS_PATH, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [bad] } });
      expect(pushed.body.results[0].status).toBe('accepted');
      await expect(stream.next((m) => m.type === 'case-opened' && m.case.caseId === bad.id)).resolves.toMatchObject({ case: { staffId: 'demo-s1' } });
      stream.close();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
