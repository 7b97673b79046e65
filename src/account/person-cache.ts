import type { KioskDatabase } from '../data/db';
import { getMeta, setMeta, type MetaValues } from '../data/meta';
import type { ResourceCache } from './useResource';

/** The meta keys holding one person's last list, saved with who fetched it and when. */
type PersonCacheKey = 'casesCache' | 'staffRatings';

/**
 * The offline copy of a list read by one signed-in person (contact data masked only): another person signing in
 * on the same tablet never sees it.
 */
export function personCache<K extends PersonCacheKey>(db: KioskDatabase, key: K, userId: string): ResourceCache<MetaValues[K]['response']> {
  return {
    async read() {
      const saved = await getMeta(db, key);
      return saved?.userId === userId ? { value: saved.response, at: saved.fetchedAt } : undefined;
    },
    write: (response, fetchedAt) => setMeta(db, key, { userId, fetchedAt, response } as MetaValues[K]),
  };
}
