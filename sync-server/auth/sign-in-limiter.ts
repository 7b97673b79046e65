/**
 * Failures per client address in a sliding window; once there are too many, every attempt from that address is
 * refused until the oldest falls out of the window. Used for enrolment codes. Password checks (sign-in, password
 * change, PIN) use the progressive delays of failure-delays.ts instead, per 工号 and address.
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
