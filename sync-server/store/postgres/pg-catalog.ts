import type { CatalogStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgCatalog(_db: PgDb): CatalogStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgCatalog.${String(name)}: not built yet`)) }) as CatalogStore;
}
