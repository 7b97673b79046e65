import { KIOSK_CONFIG_PATH } from '../domain/sync-constants';
import { KioskConfigSchema, type KioskConfig } from '../domain/sync-api';
import type { KioskDatabase } from './db';
import { getMeta, setMeta } from './meta';

/** Fetches the window's configuration and caches it, so the kiosk keeps working offline with the last copy. */
export async function refreshKioskConfig(db: KioskDatabase, fetchImpl: typeof fetch = fetch): Promise<KioskConfig> {
  const windowId = await getMeta(db, 'windowId');
  const query = windowId ? `?window=${encodeURIComponent(windowId)}` : '';
  const res = await fetchImpl(`${KIOSK_CONFIG_PATH}${query}`, { cache: 'no-store', credentials: 'same-origin', signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`kiosk configuration: HTTP ${res.status}`);
  const config = KioskConfigSchema.parse(await res.json());
  await setMeta(db, 'kioskConfig', config);
  return config;
}
