import type Database from 'better-sqlite3';
import { insertStatement, patchStatement, type Columns } from '../sql-build';

const mark = () => '?';

/**
 * UPDATE of the given columns (undefined ones left alone). `found`: a row has that key; `written`: rows the
 * UPDATE touched (0 when no column was given: the row is only looked up), what the catalogue version counts.
 */
export function patchRowCounted(db: Database.Database, table: string, keyColumn: string, key: string, columns: Columns) {
  const { sql, values, writes } = patchStatement(table, keyColumn, key, columns, mark);
  if (!writes) return { found: db.prepare(sql).get(...values) !== undefined, written: 0 };
  const written = db.prepare(sql).run(...values).changes;
  return { found: written === 1, written };
}

/** INSERT of the given columns (`suffix`: an ON CONFLICT clause); the rows written. */
export function insertRow(db: Database.Database, table: string, columns: Columns, suffix = ''): number {
  const { sql, values } = insertStatement(table, columns, mark);
  return db.prepare(`${sql} ${suffix}`).run(...values).changes;
}
