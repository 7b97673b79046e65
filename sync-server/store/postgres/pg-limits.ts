import type { LimitStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgLimits(_db: PgDb): LimitStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgLimits.${String(name)}: not built yet`)) }) as LimitStore;
}
