import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../sync-server/store/sqlite/open-sqlite';

export type RowCounts = Record<string, number>;

export interface RowCounter {
  tables: string[];
  counts(): Promise<RowCounts>;
  close(): Promise<void>;
}

const countQuery = (tables: string[]) => `SELECT ${tables.map((t, i) => `(SELECT COUNT(*) FROM "${t}") AS c${i}`).join(', ')}`;
const toCounts = (tables: string[], row: Record<string, unknown>): RowCounts => Object.fromEntries(tables.map((t, i) => [t, Number(row[`c${i}`])]));

/**
 * The row count of every table of the store, read through a second connection that sees what the server committed:
 * a read-only one on the data folder's SQLite file, or one on the PostgreSQL schema `env` names. The fuzz compares
 * them around requests that were refused.
 */
export async function rowCounter(dataDir: string, env: { DATABASE_URL?: string; DATABASE_SCHEMA?: string } = {}): Promise<RowCounter> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL, options: `-c search_path=${env.DATABASE_SCHEMA ?? 'public'}` });
    await client.connect();
    const tables = (await client.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')).rows.map((r) => r.name);
    const sql = countQuery(tables);
    return { tables, counts: async () => toCounts(tables, (await client.query(sql)).rows[0]), close: () => client.end() };
  }
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const count = db.prepare(countQuery(tables));
  return { tables, counts: async () => toCounts(tables, count.get() as Record<string, unknown>), close: async () => {
      db.close();
    } };
}

/** The tables whose counts differ: "ratings +2". */
export function countChanges(before: RowCounts, after: RowCounts): Record<string, number> {
  const changes: Record<string, number> = {};
  for (const t of Object.keys(after)) if (after[t] !== before[t]) changes[t] = after[t] - (before[t] ?? 0);
  return changes;
}
