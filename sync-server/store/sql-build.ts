/*
 * SQL text both SQL stores build the same way: an INSERT of named columns, a patch of the columns set. Only the
 * parameter marks differ (SQLite `?`, PostgreSQL `$n`), so each store passes its own.
 */

/** The mark of the n-th parameter (1-based). */
export type ParamMark = (n: number) => string;

/** Values by column name, in the order they are written; undefined in a patch: leave the column alone. */
export type Columns = Record<string, unknown>;

const NAME = /^[a-z_]+$/;

function checkNames(names: readonly string[]) {
  // Names are interpolated into the SQL: only the store's own lower-case identifiers pass.
  if (!names.every((n) => NAME.test(n))) throw new Error('bad column name');
}

/** `INSERT INTO table (a, b) VALUES (p1, p2)` with the columns' values in the same order. */
export function insertStatement(table: string, columns: Columns, mark: ParamMark): { sql: string; values: unknown[] } {
  const names = Object.keys(columns);
  checkNames([table, ...names]);
  return { sql: `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => mark(i + 1)).join(', ')})`, values: Object.values(columns) };
}

/**
 * An UPDATE of the columns set (undefined ones left alone), by key. With none set there is nothing to write: the
 * statement only looks the row up (`writes` false), so the caller counts no row written.
 */
export function patchStatement(
  table: string,
  keyColumn: string,
  key: string,
  columns: Columns,
  mark: ParamMark,
): { sql: string; values: unknown[]; writes: boolean } {
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  checkNames([table, keyColumn, ...set.map(([c]) => c)]);
  if (set.length === 0) return { sql: `SELECT 1 FROM ${table} WHERE ${keyColumn} = ${mark(1)}`, values: [key], writes: false };
  return {
    sql: `UPDATE ${table} SET ${set.map(([c], i) => `${c} = ${mark(i + 1)}`).join(', ')} WHERE ${keyColumn} = ${mark(set.length + 1)}`,
    values: [...set.map(([, v]) => v), key],
    writes: true,
  };
}
