import { callApi } from '../api/client';
import { API } from '../domain/endpoints';
import type { KioskConfig } from '../domain/sync-api';
import type { KioskDatabase } from './db';
import { getMeta, setMeta } from './meta';

/** Fetches the window's configuration and caches it, so the kiosk keeps working offline with the last copy. */
export async function refreshKioskConfig(db: KioskDatabase, fetchImpl: typeof fetch = fetch): Promise<KioskConfig> {
  const windowId = await getMeta(db, 'windowId');
  const result = await callApi(API.kioskConfig, { query: { window: windowId || undefined } }, { fetch: fetchImpl, timeoutMs: 15_000 });
  if (result.kind !== 'ok') throw new Error(`kiosk configuration: ${result.error.code} ${result.error.message}`);
  await setMeta(db, 'kioskConfig', result.body);
  return result.body;
}
