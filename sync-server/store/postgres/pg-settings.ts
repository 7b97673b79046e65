import type { SettingsStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgSettings(_db: PgDb): SettingsStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgSettings.${String(name)}: not built yet`)) }) as SettingsStore;
}
