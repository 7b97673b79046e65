/**
 * A small seeded generator for the route fuzz (test/support/fuzz-suite.ts): mulberry32, no dependency, so
 * a failing request is made again from its seed alone (FUZZ_SEED=… replays the whole run, FUZZ_ONLY=… one case).
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

/** The seed of case `i` of a run: each case stands alone, so it is replayed without the ones before it. */
export const caseSeed = (runSeed: number, i: number) => (Math.imul(runSeed ^ 0x9e3779b9, 2654435761) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
