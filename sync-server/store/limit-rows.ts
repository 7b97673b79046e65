import type { FailureCount } from './store';

/** A row of failure_counts (migration 014; the same in every SQL store). */
export interface FailureCountRow {
  failures: number;
  last_at: number;
  previous_at: number;
  expires_at: number;
}

export const failureCountFromRow = (r: FailureCountRow | undefined): FailureCount | null =>
  r ? { failures: r.failures, last: r.last_at, previous: r.previous_at, expiresAt: r.expires_at } : null;

/** A count as the values of its columns, in this order: failures, last_at, previous_at, expires_at. */
export const failureCountValues = (c: FailureCount) => [c.failures, c.last, c.previous, c.expiresAt];

/** What a decision asks to write, per key: a count to store, or null to delete it (undefined ones are left out). */
export function failureCountChanges(keys: readonly string[], counts: readonly (FailureCount | null | undefined)[]) {
  return keys.flatMap((key, i) => (counts[i] === undefined ? [] : [{ key, count: counts[i] as FailureCount | null }]));
}
