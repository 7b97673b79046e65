import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../sync-server/store/demo-hall';
import type { FailureCount, ModeDecision, Store } from '../../sync-server/store/store';
import { dropTestSchemas, newTestSchema, openTestPgStore } from '../support/postgres';

/*
 * Two server instances on one PostgreSQL database: two stores, two pools, one schema. What one instance checks and
 * counts, the other must see in turn (advisory locks held to the commit), however the calls interleave.
 */

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

let stores: [Store, Store];

beforeAll(async () => {
  const schema = newTestSchema();
  // Opened together: both apply the migrations under their lock, the second finds them applied.
  stores = (await Promise.all([openTestPgStore(schema), openTestPgStore(schema)])) as [Store, Store];
});

afterAll(async () => {
  await Promise.all(stores?.map((s) => s.close()) ?? []);
  await dropTestSchemas();
});

/** Calls `fn` n times at once, alternating between the two stores. */
const burst = <T>(n: number, fn: (store: Store, i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(stores[i % 2], i)));

/** One more failure on a count (as auth/failure-delays.ts counts one). */
const oneMore = (c: FailureCount | null, now: number): FailureCount => ({
  failures: (c?.failures ?? 0) + 1,
  last: now,
  previous: c?.last ?? now,
  expiresAt: now + HOUR,
});

describe('PostgreSQL limits and mode shared by two instances', () => {
  it('counts 20 parallel failures on one key through both stores as 20', async () => {
    const seen = await burst(20, (s, i) =>
      s.changeFailureCounts(['no:A@1'], NOW + i, ([c]) => {
        const next = oneMore(c, NOW + i);
        return { counts: [next], result: next.failures };
      }),
    );
    // Each call read the count the one before it wrote: every number from 1 to 20 given once.
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const final = await stores[0].changeFailureCounts(['no:A@1'], NOW + 100, ([c]) => ({ counts: [undefined], result: c }));
    expect(final?.failures).toBe(20);
  });

  it('counts keys taken in either order without a deadlock or a lost failure', async () => {
    await burst(20, (s, i) => {
      const keys = i % 4 < 2 ? ['ip:9', 'no:B@9'] : ['no:B@9', 'ip:9'];
      return s.changeFailureCounts(keys, NOW, (counts) => ({ counts: counts.map((c) => oneMore(c, NOW)), result: null }));
    });
    const final = await stores[1].changeFailureCounts(['ip:9', 'no:B@9'], NOW, (counts) => ({ counts: [undefined, undefined], result: counts }));
    expect(final.map((c) => c?.failures)).toEqual([20, 20]);
  });

  it('lets exactly 3 of 10 parallel attempts through a limit of 3 through both stores, on each of 5 keys', async () => {
    const keys = Array.from({ length: 5 }, (_, k) => `enrol:10.0.0.${k}`);
    const allowed = await burst(50, (s, i) =>
      s.countAttempt(keys[i % 5], NOW, ({ count }) => (count < 3 ? { recordUntil: NOW + HOUR, result: true } : { recordUntil: null, result: false })),
    );
    for (let k = 0; k < 5; k++) {
      expect(allowed.filter((ok, i) => ok && i % 5 === k)).toHaveLength(3);
      const recent = await stores[k % 2].countAttempt(keys[k], NOW + 1, (r) => ({ recordUntil: null, result: r }));
      expect(recent).toEqual({ count: 3, oldest: NOW });
    }
  });

  it('settles the mode once when both instances start at once: the hall is seeded once', async () => {
    const hall = demoHall({ passwordHash: null, pinHash: null });
    const decide = (state: { stored: ModeDecision['mode'] | null }): ModeDecision =>
      state.stored ? { mode: state.stored } : { mode: 'demo', seed: hall };
    const decisions = await Promise.all(stores.map((s) => s.settleServerMode(decide)));
    expect(decisions.filter((d) => d.seed)).toHaveLength(1);
    expect(await stores[1].serverMode()).toBe('demo');
    const catalog = await stores[0].loadCatalog();
    expect(catalog.units).toHaveLength(hall.units.length);
    expect(catalog.staff).toHaveLength(hall.staff.length);
    expect(catalog.reasons).toHaveLength(hall.reasons.length);
  });
});
