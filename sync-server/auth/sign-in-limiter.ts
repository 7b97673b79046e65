/**
 * Failed sign-ins per client address in a sliding minute: guessing from one address is slowed, colleagues
 * signing in correctly from a shared tablet are not. Per process; the per-account lockout that stops slow
 * guessing lives in the database and holds across instances.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxPerWindow = 10,
    private readonly windowMs = 60_000,
  ) {}

  /** Ms to wait before this address may try again, or 0. */
  waitFor(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.maxPerWindow ? this.windowMs - (now - recent[0]) : 0;
  }

  recordFailure(key: string, now = Date.now()) {
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) {
      for (const [k] of this.failures) if (this.recent(k, now).length === 0) this.failures.delete(k);
    }
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}
