/**
 * Sign-in attempts per client address in a sliding minute. Per process; the per-account lockout that guards
 * against slow guessing lives in the database and holds across instances.
 */
export class SignInLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxPerWindow = 10,
    private readonly windowMs = 60_000,
  ) {}

  /** Records an attempt; returns ms to wait when over the limit, else 0. */
  take(key: string, now = Date.now()): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.maxPerWindow) {
      this.attempts.set(key, recent);
      return this.windowMs - (now - recent[0]);
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number) {
    for (const [k, times] of this.attempts) if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(k);
  }
}
