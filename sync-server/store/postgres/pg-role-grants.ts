import type { RoleGrantStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgRoleGrants(_db: PgDb): RoleGrantStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgRoleGrants.${String(name)}: not built yet`)) }) as RoleGrantStore;
}
