import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** The embedded SQLite store under dataDir; a PostgreSQL store will be chosen here when DATABASE_URL is set. */
export function openStore(dataDir: string): Store {
  return SqliteStore.open(dataDir);
}
