import type { AbandonedTapStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgAbandonedTaps(_db: PgDb): AbandonedTapStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgAbandonedTaps.${String(name)}: not built yet`)) }) as AbandonedTapStore;
}
