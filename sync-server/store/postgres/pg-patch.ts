import { insertStatement, patchStatement, type Columns } from '../sql-build';
import type { PgQueryable } from './pg-db';

const mark = (n: number) => `$${n}`;

/**
 * UPDATE of the given columns (undefined ones left alone). `found`: a row has that key; `written`: rows the
 * UPDATE touched (0 when no column was given: the row is only looked up), what the catalogue version counts.
 */
export async function pgPatchRowCounted(c: PgQueryable, table: string, keyColumn: string, key: string, columns: Columns) {
  const { sql, values, writes } = patchStatement(table, keyColumn, key, columns, mark);
  const rows = await c.query(writes ? `${sql} RETURNING 1` : sql, values);
  return { found: rows.length > 0, written: writes ? rows.length : 0 };
}

/** INSERT of the given columns (`suffix`: an ON CONFLICT clause); the rows written. */
export async function pgInsertRow(c: PgQueryable, table: string, columns: Columns, suffix = ''): Promise<number> {
  const { sql, values } = insertStatement(table, columns, mark);
  return (await c.query(`${sql} ${suffix} RETURNING 1`, values)).length;
}
