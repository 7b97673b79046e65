import type { CaseStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgCases(_db: PgDb): CaseStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgCases.${String(name)}: not built yet`)) }) as CaseStore;
}
