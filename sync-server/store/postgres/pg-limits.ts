import type { LimitStore } from '../store';
import { failureCountChanges, failureCountFromRow, failureCountValues, type FailureCountRow } from '../limit-rows';
import type { PgDb, PgQueryable } from './pg-db';

/**
 * Takes a transaction-level advisory lock per key, in sorted order (two checks of overlapping keys cannot wait on
 * each other), before anything is read: another instance's check-and-count of the same key waits for this commit,
 * so a burst of parallel attempts cannot all read the same count. A row lock would not do: a key with no row yet
 * has nothing to lock.
 */
async function lockKeys(c: PgQueryable, keys: readonly string[]) {
  for (const key of [...new Set(keys)].sort()) await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/** Attempt limits shared by every instance on this database (the tables of SQLite's migration 014). */
export function pgLimits(db: PgDb): LimitStore {
  return {
    async changeFailureCounts(keys, now, decide) {
      return db.tx(async (c) => {
        await lockKeys(c, keys);
        // Lazy clean-up instead of a timer: each write first drops what has expired (an index range, usually empty).
        await c.query('DELETE FROM failure_counts WHERE expires_at <= $1', [now]);
        const rows = await c.query<FailureCountRow & { key: string }>(
          'SELECT key, failures, last_at, previous_at, expires_at FROM failure_counts WHERE key = ANY($1::text[]) AND expires_at > $2',
          [keys, now],
        );
        const byKey = new Map(rows.map((r) => [r.key, r]));
        const { counts, result } = decide(keys.map((k) => failureCountFromRow(byKey.get(k))));
        for (const { key, count } of failureCountChanges(keys, counts)) {
          if (count === null) await c.query('DELETE FROM failure_counts WHERE key = $1', [key]);
          else {
            await c.query(
              `INSERT INTO failure_counts (key, failures, last_at, previous_at, expires_at) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at,
                 previous_at = excluded.previous_at, expires_at = excluded.expires_at`,
              [key, ...failureCountValues(count)],
            );
          }
        }
        return result;
      });
    },
    async countAttempt(key, now, decide) {
      return db.tx(async (c) => {
        await lockKeys(c, [key]);
        const [recent] = await c.query<{ count: number; oldest: number | null }>(
          'SELECT COUNT(*) AS count, MIN(at) AS oldest FROM limited_attempts WHERE key = $1 AND expires_at > $2',
          [key, now],
        );
        const { recordUntil, result } = decide(recent);
        if (recordUntil !== null) {
          await c.query('DELETE FROM limited_attempts WHERE expires_at <= $1', [now]);
          await c.query('INSERT INTO limited_attempts (key, at, expires_at) VALUES ($1, $2, $3)', [key, now, recordUntil]);
        }
        return result;
      });
    },
  };
}
