import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../../sync-server/store/sqlite/open-sqlite';

export type RowCounts = Record<string, number>;

/**
 * The row count of every table of a data folder's SQLite store, read through a second, read-only connection (WAL:
 * it sees what the server committed). The fuzz compares them around requests that were refused.
 */
export function rowCounter(dataDir: string) {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const count = db.prepare(`SELECT ${tables.map((t, i) => `(SELECT COUNT(*) FROM "${t}") AS c${i}`).join(', ')}`);
  return {
    tables,
    counts(): RowCounts {
      const row = count.get() as Record<string, number>;
      return Object.fromEntries(tables.map((t, i) => [t, row[`c${i}`]]));
    },
    close: () => db.close(),
  };
}

/** The tables whose counts differ: "ratings +2". */
export function countChanges(before: RowCounts, after: RowCounts): Record<string, number> {
  const changes: Record<string, number> = {};
  for (const t of Object.keys(after)) if (after[t] !== before[t]) changes[t] = after[t] - (before[t] ?? 0);
  return changes;
}
