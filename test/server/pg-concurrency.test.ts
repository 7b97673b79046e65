import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import type { CaseEventAppend, Store } from '../../sync-server/store/store';
import { dropTestSchemas, newTestSchema, openTestPgStore, PG_TEST_URL } from '../support/postgres';
import { badRating, demoRating } from '../support/ratings';
import { batch, item, paperForm } from './store-contract/fixture';

/**
 * Two server instances (two stores, two pools) on one PostgreSQL schema, writing the same things at once: the
 * database decides, and each write is done once. To make "at once" certain rather than likely, a third
 * connection first holds the row both writers need; the test waits until both are queued behind it, then lets
 * go, and the two race for the row.
 */
const T = 1_800_000_000_000;

let schema: string;
let one: Store;
let two: Store;
let blocker: pg.Client;

beforeEach(async () => {
  schema = newTestSchema('hcp_conc');
  // One key for both: servers sharing a database share the contact key, so both compute the same fingerprints.
  const cipher = new ContactCipher(randomBytes(32));
  // One after the other: the first creates the schema and migrates it, the second finds it done.
  one = await openTestPgStore(schema, cipher);
  two = await openTestPgStore(schema, cipher);
  // No catalogue is seeded: these tables have no key into it (ingest checks the catalogue above the store).
  blocker = new pg.Client({ connectionString: PG_TEST_URL, options: `-c search_path=${schema}` });
  await blocker.connect();
});
afterEach(async () => {
  await blocker.query('ROLLBACK').catch(() => {});
  await blocker.end();
  await one.close();
  await two.close();
});
afterAll(dropTestSchemas);

/**
 * Holds what `hold` locks in an open transaction, starts both writes, waits until both wait on the holder, then
 * rolls it back: from there the two writers contend with each other.
 */
async function race<R>(hold: string, params: unknown[], first: () => Promise<R>, second: () => Promise<R>): Promise<[R, R]> {
  await blocker.query('BEGIN');
  await blocker.query(hold, params);
  const both = Promise.all([first(), second()]);
  // A rejection before the wait ends must not go unhandled; it is seen again through `both` below.
  both.catch(() => {});
  await vi.waitFor(
    async () => {
      // Behind the holder directly, or behind a session that is behind it (a row lock queues its second waiter on
      // the first).
      const { rows } = await blocker.query<{ n: number }>(
        `WITH RECURSIVE behind(pid) AS (
           SELECT pg_backend_pid()
           UNION SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY(pg_blocking_pids(a.pid))
         ) SELECT (COUNT(*) - 1)::int AS n FROM behind`,
      );
      expect(rows[0].n).toBe(2);
    },
    { timeout: 20_000, interval: 20 },
  );
  await blocker.query('ROLLBACK');
  return both;
}

const countRows = async (table: string, where = 'TRUE', params: unknown[] = []) =>
  (await blocker.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n;

it('stores a batch sent through two instances at once once: every item accepted by one, a duplicate for the other', async () => {
  const records = Array.from({ length: 1200 }, (_, i) => (i % 3 === 0 ? badRating({}, T + i) : demoRating({}, T + i)));
  const items = records.map((r) => item(r, r.level === 'DISSATISFIED' ? { anonymous: false } : null));
  const first = records[0];
  // The holder has stored the batch's first id, uncommitted: both instances' inserts queue behind it.
  const [a, b] = await race(
    'INSERT INTO ratings (id, payload_hash, schema_version, level, reasons_json, channel, unit_id, window_id, device_id, device_time, rated_at, clock_offset_ms, received_at, locale) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $9, 0, $9, $10)',
    [first.id, 'held', first.level, '[]', first.channel, first.unitId, first.windowId, first.deviceId, T, first.locale],
    () => one.insertRatings(batch(items, T + 5_000)),
    () => two.insertRatings(batch(items, T + 6_000)),
  );
  expect(a).toHaveLength(items.length);
  expect(b).toHaveLength(items.length);
  for (let i = 0; i < items.length; i++) expect([a[i], b[i]].sort()).toEqual(['accepted', 'duplicate']);
  expect(await one.countRatings()).toBe(items.length);
  expect(await countRows('ratings', 'id = ANY($1::text[])', [records.map((r) => r.id)])).toBe(items.length);
  // Each bad rating opened its case once, by whichever instance stored it; no conflict was recorded.
  expect(await countRows('cases')).toBe(records.filter((r) => r.level === 'DISSATISFIED').length);
  expect(await two.listConflicts()).toEqual([]);
});

it('lets exactly one of two appends made at the same count win, and writes only its event', async () => {
  const r = badRating({}, T);
  await one.insertRatings(batch([item(r, { anonymous: false })], T));
  const append = (by: string): CaseEventAppend => ({
    caseId: r.id,
    expectedEvents: 0,
    event: { id: uuidv7(), action: { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: by }, by, at: T + 1 },
    payloadHash: `p-${by}`,
    closedAt: null,
  });
  const fromOne = append('demo-s2');
  const fromTwo = append('demo-s4');
  // The holder has the case row locked, as an append does: both appends queue on the lock.
  const results = await race('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [r.id], () => one.appendCaseEvents([fromOne], T + 10), () =>
    two.appendCaseEvents([fromTwo], T + 10),
  );
  expect(results.filter(Boolean)).toHaveLength(1);
  const winner = results[0] ? fromOne : fromTwo;
  const events = (await two.getCase(r.id))!.events;
  expect(events.map((e) => e.id)).toEqual([winner.event.id]);
  expect(await countRows('case_events')).toBe(1);
});

it('records one check of a paper form confirmed through two instances at once; the other answer is "already"', async () => {
  const form = paperForm(badRating({}, T));
  await one.insertRatings(batch([item(form)], T));
  // The holder has a check of the form stored, uncommitted: both confirmations queue on paper_checks' key.
  const [a, b] = await race(
    'INSERT INTO paper_checks (rating_id, checked_by, checked_at) VALUES ($1, $2, $3)',
    [form.id, 'held', T],
    () => one.confirmPaperCheck(form.id, 'demo-s4', T + 100, { anonymous: false }),
    () => two.confirmPaperCheck(form.id, 'demo-s5', T + 200, { anonymous: false }),
  );
  expect([a?.outcome, b?.outcome].sort()).toEqual(['already', 'checked']);
  const winner = a?.outcome === 'checked' ? a : b!;
  // The loser is told the winner's check, and the case was opened once, at the winning check's time.
  expect(a?.outcome === 'checked' ? b : a).toEqual({ outcome: 'already', checkedBy: winner.checkedBy, checkedAt: winner.checkedAt });
  expect(await countRows('paper_checks')).toBe(1);
  expect((await one.getCase(form.id))?.facts.receivedAt).toBe(winner.checkedAt);
  expect((await two.listRatings(0, 10)).map((r) => r.paper?.checkedBy)).toEqual([winner.checkedBy]);
});
