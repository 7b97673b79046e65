import type { FailureCount, LimitStore } from '../store/store';

/**
 * Progressive delays after failed password checks, instead of a hard lock.
 *
 * Failures are counted per key (a 工号 at one address, an address, a signed-in account): the first `free` ones
 * cost nothing, then each further attempt must wait `baseMs`, doubling with every failure, up to `capMs`.
 * A key is forgotten after `forgetMs` without a failure, or at once when its owner succeeds.
 *
 * Why keys with the address in them: a count per account alone lets anyone lock anyone out by typing wrong
 * passwords for them; counted per 工号 *and* address, the real person at another tablet is not delayed by a
 * stranger's failures. The per-address count slows one machine trying many 工号.
 *
 * While a key must wait, every attempt under it is refused before the password is checked, the right one too:
 * answering "right" during the wait would let a guesser keep guessing at full speed. The 工号 is only part of a
 * key, never looked up, so a known and an unknown 工号 are delayed alike.
 *
 * The counts are kept in the store (migration 014), not in this process: with several instances behind a proxy,
 * attempts landing on different instances add up as on one, and a restart forgets nothing.
 */
export interface DelayRule {
  free: number;
  baseMs: number;
  capMs: number;
}

/** One 工号 from one address: a few typos are free, a guesser soon waits minutes. */
export const ACCOUNT_AT_ADDRESS: DelayRule = { free: 5, baseMs: 2_000, capMs: 15 * 60_000 };
/** One address, any 工号: colleagues share a tablet, so more room before the delay starts. */
export const PER_ADDRESS: DelayRule = { free: 10, baseMs: 2_000, capMs: 15 * 60_000 };
/** A signed-in session checking its own password (password change, PIN): the same pace as a sign-in. */
export const IN_SESSION: DelayRule = ACCOUNT_AT_ADDRESS;

export const signInKeys = {
  accountAtAddress: (employeeNo: string, ip: string) => `no:${employeeNo.trim().toUpperCase()}@${ip}`,
  address: (ip: string) => `ip:${ip}`,
  session: (accountId: string) => `session:${accountId}`,
};

/** Ms a key with this count must still wait before its next attempt, or 0. */
function waitOf(count: FailureCount | null, rule: DelayRule, now: number): number {
  if (!count || count.failures < rule.free) return 0;
  const delay = Math.min(rule.capMs, rule.baseMs * 2 ** (count.failures - rule.free));
  return Math.max(0, count.last + delay - now);
}

export class FailureDelays {
  constructor(
    private readonly store: LimitStore,
    private readonly now: () => number = Date.now,
    private readonly forgetMs = 60 * 60_000,
  ) {}

  /**
   * Checks the keys, each with its rule, and, unless one must still wait, counts a failure under every one of them
   * in the same transaction: callers count an attempt as failed *before* the (slow) password check, so a burst
   * of parallel attempts, on any instance, cannot all pass through the same gap; the attempt that turns out right
   * gives its failure back (forgive, clear). Answers the longest wait (nothing counted when it is above 0) and
   * each key's failure count so far.
   */
  async attempt(checks: readonly [key: string, rule: DelayRule][]): Promise<{ waitMs: number; failures: number[] }> {
    const now = this.now();
    return this.store.changeFailureCounts(
      checks.map(([key]) => key),
      now,
      (counts) => {
        const waitMs = Math.max(0, ...counts.map((c, i) => waitOf(c, checks[i][1], now)));
        if (waitMs > 0) return { counts: counts.map(() => undefined), result: { waitMs, failures: counts.map((c) => c?.failures ?? 0) } };
        const next = counts.map((c) => this.failed(c, now));
        return { counts: next, result: { waitMs: 0, failures: next.map((c) => c.failures) } };
      },
    );
  }

  /** Ms this key must still wait before its next attempt, or 0. */
  async waitFor(key: string, rule: DelayRule): Promise<number> {
    const now = this.now();
    return this.store.changeFailureCounts([key], now, ([c]) => ({ counts: [undefined], result: waitOf(c, rule, now) }));
  }

  /** Counts a failure; answers the key's failure count so far. */
  async recordFailure(key: string): Promise<number> {
    const now = this.now();
    return this.store.changeFailureCounts([key], now, ([c]) => {
      const next = this.failed(c, now);
      return { counts: [next], result: next.failures };
    });
  }

  /** Takes back one failure counted in advance (see attempt), with its time. */
  async forgive(key: string): Promise<void> {
    await this.store.changeFailureCounts([key], this.now(), ([c]) => ({
      counts: [!c ? undefined : c.failures <= 1 ? null : { failures: c.failures - 1, last: c.previous, previous: c.previous, expiresAt: c.previous + this.forgetMs }],
      result: undefined,
    }));
  }

  async clear(key: string): Promise<void> {
    await this.store.changeFailureCounts([key], this.now(), () => ({ counts: [null], result: undefined }));
  }

  private failed(c: FailureCount | null, now: number): FailureCount {
    return { failures: (c?.failures ?? 0) + 1, last: now, previous: c?.last ?? now, expiresAt: now + this.forgetMs };
  }
}
