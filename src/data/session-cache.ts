import type { Me } from '../domain/account-api';
import type { CaseListResponse } from '../domain/case-api';
import type { RatingListResponse } from '../domain/ratings-api';
import { readCachedResponse } from './cached-responses';
import type { KioskDatabase } from './db';
import { getMeta, setMeta, type MetaValues } from './meta';
import { deletePaperDraft } from './paper-draft';

/**
 * What is kept on the tablet for the signed-in person, so they keep working offline: who they are, their last
 * ratings and case lists (contact masked only), the newest case they have seen. All of it goes at sign-out.
 */
export const PERSONAL_META_KEYS = ['me', 'staffRatings', 'casesCache', 'myServiceCases'] as const;

/** A server answer kept for one person, with when it was fetched. */
export interface CachedAnswer<T> {
  fetchedAt: number;
  response: T;
}

export const readCachedMe = (db: KioskDatabase): Promise<Me | undefined> => getMeta(db, 'me');
export const cacheMe = (db: KioskDatabase, me: Me): Promise<void> => setMeta(db, 'me', me);

/** The cached list, only for the person it was fetched for: a tablet is shared across shifts. */
export async function readCachedRatings(db: KioskDatabase, userId: string): Promise<CachedAnswer<RatingListResponse> | undefined> {
  // Checked against its route's schema: a copy saved before an app update may no longer have the shape read now.
  const cached = await readCachedResponse(db, 'staffRatings');
  return cached?.userId === userId ? cached : undefined;
}
export const cacheRatings = (db: KioskDatabase, userId: string, response: RatingListResponse, fetchedAt = Date.now()): Promise<void> =>
  setMeta(db, 'staffRatings', { userId, fetchedAt, response });

export async function readCachedCases(db: KioskDatabase, userId: string): Promise<(CachedAnswer<CaseListResponse> & { stale?: boolean }) | undefined> {
  const cached = await readCachedResponse(db, 'casesCache');
  return cached?.userId === userId ? cached : undefined;
}
export const cacheCases = (db: KioskDatabase, userId: string, response: CaseListResponse, fetchedAt = Date.now()): Promise<void> =>
  setMeta(db, 'casesCache', { userId, fetchedAt, response });

/** The person's 办件 of the day as last fetched, only for that person. */
export async function readCachedServiceCases(db: KioskDatabase, userId: string): Promise<CachedAnswer<MetaValues['myServiceCases']['response']> | undefined> {
  const cached = await readCachedResponse(db, 'myServiceCases');
  return cached?.userId === userId ? cached : undefined;
}
export const cacheServiceCases = (db: KioskDatabase, userId: string, response: MetaValues['myServiceCases']['response'], fetchedAt = Date.now()): Promise<void> =>
  setMeta(db, 'myServiceCases', { userId, fetchedAt, response });

/** The newest case arrival this person has seen (0 when none, or when another person saw the last one here). */
export async function readCasesSeen(db: KioskDatabase, userId: string): Promise<number> {
  const seen = await getMeta(db, 'casesSeen');
  return seen?.userId === userId ? seen.latestReceivedAt : 0;
}
export const saveCasesSeen = (db: KioskDatabase, userId: string, latestReceivedAt: number): Promise<void> => setMeta(db, 'casesSeen', { userId, latestReceivedAt });

/** The cached lists and the person's paper-form draft (values and photo: they hold an evaluator's name and phone). */
export async function clearPersonalData(db: KioskDatabase): Promise<void> {
  await db.transaction('rw', db.meta, db.photos, async () => {
    const me = await getMeta(db, 'me');
    if (me) await deletePaperDraft(db, me.id);
    await db.meta.bulkDelete([...PERSONAL_META_KEYS]);
  });
}
