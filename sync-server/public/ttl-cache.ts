/**
 * A small per-instance memo: a value is made once per key and reused for `ttlMs`; callers asking while it is being
 * made wait for the same promise (one computation, however many hall screens and portals ask at once). A failed
 * making is forgotten at once. The oldest keys go first beyond `maxEntries`, so asking for many keys (every month
 * of every unit) costs memory no more than that.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, make: () => Promise<V>): Promise<V> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    const value = make();
    this.entries.delete(key);
    this.entries.set(key, { at: t, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
