import type Database from 'better-sqlite3';

const COLUMN = /^[a-z_]+$/;

/** UPDATE of the given columns (undefined ones left alone); false when no row has that key. */
export function patchRow(db: Database.Database, table: string, keyColumn: string, key: string, columns: Record<string, unknown>): boolean {
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  if (![table, keyColumn, ...set.map(([c]) => c)].every((c) => COLUMN.test(c))) throw new Error('bad column name');
  if (set.length === 0) return db.prepare(`SELECT 1 FROM ${table} WHERE ${keyColumn} = ?`).get(key) !== undefined;
  const sql = `UPDATE ${table} SET ${set.map(([c]) => `${c} = ?`).join(', ')} WHERE ${keyColumn} = ?`;
  return db.prepare(sql).run(...set.map(([, v]) => v), key).changes === 1;
}
