import type { AccountStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgAccounts(_db: PgDb): AccountStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgAccounts.${String(name)}: not built yet`)) }) as AccountStore;
}
