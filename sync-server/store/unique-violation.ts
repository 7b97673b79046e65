/**
 * Whether a store write failed on a unique constraint (SQLite's SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL's
 * 23505): the database's word that the key is taken, which a route answers as a 409 instead of a 500. A route's
 * own check before the write cannot see a concurrent writer, nor text the database stores otherwise (a lone UTF-16
 * surrogate is stored as U+FFFD, so '\ud800' and '\ufffd' differ in JavaScript and meet in the table).
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
