import type Database from 'better-sqlite3';

const COLUMN = /^[a-z_]+$/;

/**
 * UPDATE of the given columns (undefined ones left alone). `found`: a row has that key; `written`: rows the
 * UPDATE touched (0 when no column was given: the row is only looked up), what the catalogue version counts.
 */
export function patchRowCounted(db: Database.Database, table: string, keyColumn: string, key: string, columns: Record<string, unknown>) {
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  if (![table, keyColumn, ...set.map(([c]) => c)].every((c) => COLUMN.test(c))) throw new Error('bad column name');
  if (set.length === 0) return { found: db.prepare(`SELECT 1 FROM ${table} WHERE ${keyColumn} = ?`).get(key) !== undefined, written: 0 };
  const sql = `UPDATE ${table} SET ${set.map(([c]) => `${c} = ?`).join(', ')} WHERE ${keyColumn} = ?`;
  const written = db.prepare(sql).run(...set.map(([, v]) => v), key).changes;
  return { found: written === 1, written };
}

/** UPDATE of the given columns (undefined ones left alone); false when no row has that key. */
export function patchRow(db: Database.Database, table: string, keyColumn: string, key: string, columns: Record<string, unknown>): boolean {
  return patchRowCounted(db, table, keyColumn, key, columns).found;
}
