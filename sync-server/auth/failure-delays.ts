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
 * Per process and in memory: the server is one process on one SQLite file; a restart forgets the counts.
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

interface Entry {
  failures: number;
  last: number;
  /** The `last` before the latest failure, put back when that failure is forgiven. */
  previous: number;
}

export const signInKeys = {
  accountAtAddress: (employeeNo: string, ip: string) => `no:${employeeNo.trim().toUpperCase()}@${ip}`,
  address: (ip: string) => `ip:${ip}`,
  session: (accountId: string) => `session:${accountId}`,
};

export class FailureDelays {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly forgetMs = 60 * 60_000,
  ) {}

  /** Ms this key must still wait before its next attempt, or 0. */
  waitFor(key: string, rule: DelayRule): number {
    const e = this.live(key);
    if (!e || e.failures < rule.free) return 0;
    const delay = Math.min(rule.capMs, rule.baseMs * 2 ** (e.failures - rule.free));
    return Math.max(0, e.last + delay - this.now());
  }

  /** The longest wait over several keys, each with its rule. */
  waitForAll(checks: readonly [key: string, rule: DelayRule][]): number {
    return Math.max(0, ...checks.map(([key, rule]) => this.waitFor(key, rule)));
  }

  /** Counts a failure; answers the key's failure count so far. */
  recordFailure(key: string): number {
    const now = this.now();
    const e = this.live(key);
    const failures = (e?.failures ?? 0) + 1;
    this.entries.set(key, { failures, last: now, previous: e?.last ?? now });
    if (this.entries.size > 10_000) for (const k of [...this.entries.keys()]) this.live(k);
    return failures;
  }

  /**
   * Takes back one failure counted in advance: callers count an attempt as failed *before* the (slow) password
   * check, in the same tick as the wait was checked, so a burst of parallel attempts cannot all pass through the
   * same gap; the attempt that turns out right gives its failure back.
   */
  forgive(key: string) {
    const e = this.live(key);
    if (!e) return;
    if (e.failures <= 1) this.entries.delete(key);
    else this.entries.set(key, { failures: e.failures - 1, last: e.previous, previous: e.previous });
  }

  clear(key: string) {
    this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && this.now() - e.last >= this.forgetMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}
