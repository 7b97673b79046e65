import type * as z from 'zod/mini';
import { API } from '../domain/endpoints';
import type { KioskDatabase } from './db';
import { getMeta, type MetaValues } from './meta';

type CachedKey = 'casesCache' | 'staffRatings' | 'myServiceCases';

/** Each cached answer is checked with the schema of the route it came from (src/domain/endpoints.ts). */
const SCHEMA_OF: Record<CachedKey, z.ZodMiniType> = {
  casesCache: API.cases.response,
  staffRatings: API.ratings.response,
  myServiceCases: API.myServiceCases.response,
};

/**
 * A server answer kept for offline use, read back only when it still has the shape this version reads: a copy
 * saved by an older version (before an app update) may lack a field the screens now need, and showing it would
 * crash them. A stale copy counts as no copy; the next successful load replaces it.
 */
export async function readCachedResponse<K extends CachedKey>(db: KioskDatabase, key: K): Promise<MetaValues[K] | undefined> {
  const cached = await getMeta(db, key);
  if (!cached || typeof cached !== 'object') return undefined;
  if (typeof cached.userId !== 'string' || typeof cached.fetchedAt !== 'number') return undefined;
  return SCHEMA_OF[key].safeParse(cached.response).success ? cached : undefined;
}
