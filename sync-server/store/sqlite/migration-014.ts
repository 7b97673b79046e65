// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * From version 14 (issue 13) the limits on attempts live in the database, not in one process's memory, so that
 * several server instances on one database count the same attempts (auth/failure-delays.ts, sign-in-limiter.ts).
 *
 * failure_counts: failed password checks per key (a 工号 at an address, an address, a signed-in account).
 * limited_attempts: one row per attempt in a sliding window (enrolment codes per address, duplicate checks per
 * person). Every row carries its expiry: expired rows are ignored when read and deleted whenever a row is written,
 * so no timer is needed. A key holds an address and a typed 工号: kept an hour at most after its last failure.
 */
export const MIGRATION_14_SQL = `
  CREATE TABLE failure_counts (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    previous_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX failure_counts_by_expiry ON failure_counts (expires_at);
  CREATE TABLE limited_attempts (
    key TEXT NOT NULL,
    at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX limited_attempts_by_key ON limited_attempts (key, expires_at);
  CREATE INDEX limited_attempts_by_expiry ON limited_attempts (expires_at);
`;
