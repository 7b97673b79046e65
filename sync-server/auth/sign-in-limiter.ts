import type { LimitStore } from '../store/store';

/**
 * Attempts per key in a sliding window; once there are too many, every attempt under that key is refused until
 * the oldest falls out of the window. Used for enrolment codes (per address) and paper duplicate checks (per
 * person). Password checks (sign-in, password change, PIN) use the progressive delays of failure-delays.ts instead.
 *
 * The attempts are kept in the store (migration 014), so every instance on the database counts them all. `name`
 * keeps the keys of different limits apart in the one table.
 */
export class SignInLimiter {
  constructor(
    private readonly store: LimitStore,
    private readonly name: string,
    private readonly maxPerWindow = 10,
    private readonly windowMs = 60_000,
  ) {}

  /** Ms to wait before this key may try again, or 0. */
  async waitFor(key: string, now = Date.now()): Promise<number> {
    return this.store.countAttempt(this.keyOf(key), now, (recent) => ({ recordUntil: null, result: this.waitOf(recent, now) }));
  }

  /** Counts an attempt that failed (a wrong enrolment code). */
  async recordFailure(key: string, now = Date.now()): Promise<void> {
    await this.store.countAttempt(this.keyOf(key), now, () => ({ recordUntil: now + this.windowMs, result: undefined }));
  }

  /**
   * For limits where every attempt counts (duplicate checks): checks and, unless it must wait, counts the attempt
   * in one transaction, so parallel requests on any instance cannot pass the limit together. Ms to wait, or 0.
   */
  async take(key: string, now = Date.now()): Promise<number> {
    return this.store.countAttempt(this.keyOf(key), now, (recent) => {
      const wait = this.waitOf(recent, now);
      return { recordUntil: wait > 0 ? null : now + this.windowMs, result: wait };
    });
  }

  private waitOf({ count, oldest }: { count: number; oldest: number | null }, now: number): number {
    return count >= this.maxPerWindow && oldest !== null ? this.windowMs - (now - oldest) : 0;
  }

  private keyOf(key: string) {
    return `${this.name}:${key}`;
  }
}
