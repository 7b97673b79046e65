import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_AT_ADDRESS, FailureDelays } from '../../sync-server/auth/failure-delays';
import { SignInLimiter } from '../../sync-server/auth/sign-in-limiter';
import { MIGRATION_14_SQL } from '../../sync-server/store/sqlite/migration-014';
import { sqliteLimits } from '../../sync-server/store/sqlite/sqlite-limits';

/** The counts live in the store: an in-memory database with the limit tables of migration 014. */
function limitStore() {
  const db = new Database(':memory:');
  db.exec(MIGRATION_14_SQL);
  return { db, store: sqliteLimits(db) };
}

describe('failure delays', () => {
  it('are free for the first failures, then double from 2 s up to 15 min, and are forgotten after an hour of quiet', async () => {
    let now = 0;
    const delays = new FailureDelays(limitStore().store, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      await delays.recordFailure('k');
      waits.push(await delays.waitFor('k', ACCOUNT_AT_ADDRESS));
    }
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(4, 9)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(waits.at(-1)).toBe(15 * 60_000);
    now += 60 * 60_000;
    expect(await delays.waitFor('k', ACCOUNT_AT_ADDRESS)).toBe(0);
    await delays.recordFailure('k');
    expect(await delays.waitFor('k', ACCOUNT_AT_ADDRESS)).toBe(0); // counting starts again
  });

  it('gives back a failure counted in advance, with its time', async () => {
    let now = 0;
    const delays = new FailureDelays(limitStore().store, () => now);
    for (let i = 0; i < 5; i++) await delays.recordFailure('k');
    now = 10_000;
    await delays.recordFailure('k');
    await delays.forgive('k');
    expect(await delays.waitFor('k', ACCOUNT_AT_ADDRESS)).toBe(0); // 2 s after the fifth failure, at 0, has passed
  });

  it('counts nothing for an attempt refused while it must wait, and answers each key its count', async () => {
    const now = 0;
    const delays = new FailureDelays(limitStore().store, () => now);
    const rule = { free: 2, baseMs: 1_000, capMs: 60_000 };
    expect(await delays.attempt([['a', rule], ['b', rule]])).toEqual({ waitMs: 0, failures: [1, 1] });
    expect(await delays.attempt([['a', rule]])).toEqual({ waitMs: 0, failures: [2] });
    expect(await delays.attempt([['a', rule], ['b', rule]])).toEqual({ waitMs: 1_000, failures: [2, 1] });
    expect(await delays.attempt([['b', rule]])).toEqual({ waitMs: 0, failures: [2] });
  });

  it('forgets expired rows when others are written, without a timer', async () => {
    let now = 0;
    const { db, store } = limitStore();
    const delays = new FailureDelays(store, () => now, 1_000);
    await delays.recordFailure('old');
    now = 5_000;
    await delays.recordFailure('new');
    expect(db.prepare('SELECT key FROM failure_counts').pluck().all()).toEqual(['new']);
  });
});

describe('sliding-window limit', () => {
  it('refuses once the window is full until the oldest attempt leaves it, per name and key', async () => {
    const { db, store } = limitStore();
    const enrol = new SignInLimiter(store, 'enrol', 3, 60_000);
    const other = new SignInLimiter(store, 'other', 3, 60_000);
    for (const at of [0, 10_000, 20_000]) await enrol.recordFailure('10.0.0.1', at);
    expect(await enrol.waitFor('10.0.0.1', 30_000)).toBe(30_000);
    expect(await enrol.waitFor('10.0.0.2', 30_000)).toBe(0);
    expect(await other.waitFor('10.0.0.1', 30_000)).toBe(0);
    expect(await enrol.waitFor('10.0.0.1', 60_000)).toBe(0);
    await enrol.recordFailure('10.0.0.1', 200_000);
    expect(db.prepare('SELECT COUNT(*) FROM limited_attempts').pluck().get()).toBe(1);
  });

  it('takes an attempt only while the window has room, counting each one taken', async () => {
    const { store } = limitStore();
    const checks = new SignInLimiter(store, 'checks', 2, 10_000);
    expect([await checks.take('s1', 0), await checks.take('s1', 1_000), await checks.take('s1', 2_000)]).toEqual([0, 0, 8_000]);
    expect(await checks.take('s1', 10_000)).toBe(0); // the first left the window; the refused one never counted
    expect(await checks.take('s1', 10_500)).toBe(500);
  });
});
