import { uuidv7 } from '../domain/ids';
import type { KioskDatabase } from './db';
import { getMeta, setMeta } from './meta';

const known = new WeakMap<KioskDatabase, string>();

/**
 * A stable id for this browser profile, made once and kept in IndexedDB. Remembered in memory afterwards, so a
 * tap does not pay for a second strict-durability write.
 */
export async function ensureDeviceId(db: KioskDatabase): Promise<string> {
  const cached = known.get(db);
  if (cached) return cached;
  const id =
    (await getMeta(db, 'deviceId')) ??
    (await db.transaction('rw', db.meta, async () => {
      const existing = await getMeta(db, 'deviceId');
      if (existing) return existing;
      const made = `dev-${uuidv7().replace(/-/g, '')}`;
      await setMeta(db, 'deviceId', made);
      return made;
    }));
  known.set(db, id);
  return id;
}
