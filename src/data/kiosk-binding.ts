import { CATALOG_ID } from '../domain/ids';
import type { KioskDatabase } from './db';
import { setMeta } from './meta';

/** A `?window=` in the address binds this kiosk to that window (until device enrolment replaces it). */
export async function bindWindowFromUrl(db: KioskDatabase, search: string): Promise<void> {
  const windowId = new URLSearchParams(search).get('window');
  if (windowId && CATALOG_ID.test(windowId)) await setMeta(db, 'windowId', windowId);
}
