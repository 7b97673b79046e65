import type { AuditStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgAudit(_db: PgDb): AuditStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgAudit.${String(name)}: not built yet`)) }) as AuditStore;
}
