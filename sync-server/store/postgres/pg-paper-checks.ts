import type { PaperCheckStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgPaperChecks(_db: PgDb): PaperCheckStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgPaperChecks.${String(name)}: not built yet`)) }) as PaperCheckStore;
}
