import type Database from 'better-sqlite3';
import type { LimitStore } from '../store';
import { failureCountChanges, failureCountFromRow, failureCountValues, type FailureCountRow } from '../limit-rows';

/** Attempt limits shared by every process on this database file (migration 014). */
export function sqliteLimits(db: Database.Database): LimitStore {
  const readCount = db.prepare('SELECT failures, last_at, previous_at, expires_at FROM failure_counts WHERE key = ? AND expires_at > ?');
  const writeCount = db.prepare(
    `INSERT INTO failure_counts (key, failures, last_at, previous_at, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at,
       previous_at = excluded.previous_at, expires_at = excluded.expires_at`,
  );
  const deleteCount = db.prepare('DELETE FROM failure_counts WHERE key = ?');
  // Lazy clean-up instead of a timer: each write first drops what has expired (an index range, usually empty).
  const dropExpiredCounts = db.prepare('DELETE FROM failure_counts WHERE expires_at <= ?');
  const insertAttempt = db.prepare('INSERT INTO limited_attempts (key, at, expires_at) VALUES (?, ?, ?)');
  const dropExpiredAttempts = db.prepare('DELETE FROM limited_attempts WHERE expires_at <= ?');
  const recent = db.prepare('SELECT COUNT(*) AS count, MIN(at) AS oldest FROM limited_attempts WHERE key = ? AND expires_at > ?');

  return {
    async changeFailureCounts(keys, now, decide) {
      // IMMEDIATE: the write lock before the read, so another process's check-and-count waits for this one.
      return db
        .transaction(() => {
          dropExpiredCounts.run(now);
          const { counts, result } = decide(keys.map((k) => failureCountFromRow(readCount.get(k, now) as FailureCountRow | undefined)));
          for (const { key, count } of failureCountChanges(keys, counts)) {
            if (count === null) deleteCount.run(key);
            else writeCount.run(key, ...failureCountValues(count));
          }
          return result;
        })
        .immediate();
    },
    async countAttempt(key, now, decide) {
      return db
        .transaction(() => {
          const { recordUntil, result } = decide(recent.get(key, now) as { count: number; oldest: number | null });
          if (recordUntil !== null) {
            dropExpiredAttempts.run(now);
            insertAttempt.run(key, now, recordUntil);
          }
          return result;
        })
        .immediate();
    },
  };
}
