import type { DeviceStore } from '../store';
import type { PgDb } from './pg-db';

// PLACEHOLDER: replaced by the PostgreSQL implementation in this session (issue 13).
export function pgDevices(_db: PgDb): DeviceStore {
  return new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`pgDevices.${String(name)}: not built yet`)) }) as DeviceStore;
}
