import type { CaseListResponse } from '../domain/case-api';
import type { RatingListResponse } from '../domain/ratings-api';
import type { KioskDatabase } from '../data/db';
import type { MetaValues } from '../data/meta';
import { cacheCases, cacheRatings, cacheServiceCases, readCachedCases, readCachedRatings, readCachedServiceCases, type CachedAnswer } from '../data/session-cache';
import type { ResourceCache } from './useResource';

/*
 * The offline copies of the lists one signed-in person read (contact data masked only): another person signing
 * in on the same tablet never sees them. IndexedDB is reached through src/data/session-cache.ts.
 */

const entry = <T>(saved: CachedAnswer<T> | undefined) => (saved ? { value: saved.response, at: saved.fetchedAt } : undefined);

export const casesCache = (db: KioskDatabase, userId: string): ResourceCache<CaseListResponse> => ({
  read: async () => entry(await readCachedCases(db, userId)),
  write: (response, fetchedAt) => cacheCases(db, userId, response, fetchedAt),
});

export const staffRatingsCache = (db: KioskDatabase, userId: string): ResourceCache<RatingListResponse> => ({
  read: async () => entry(await readCachedRatings(db, userId)),
  write: (response, fetchedAt) => cacheRatings(db, userId, response, fetchedAt),
});

export const serviceCasesCache = (db: KioskDatabase, userId: string): ResourceCache<MetaValues['myServiceCases']['response']> => ({
  read: async () => entry(await readCachedServiceCases(db, userId)),
  write: (response, fetchedAt) => cacheServiceCases(db, userId, response, fetchedAt),
});
