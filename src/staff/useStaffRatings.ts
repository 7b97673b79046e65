import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../domain/account-api';
import { RATINGS_PATH, type RatingListResponse } from '../domain/ratings-api';
import type { KioskDatabase } from '../data/db';
import { setMeta } from '../data/meta';
import { readCachedResponse } from '../data/cached-responses';
import { apiRequest, ApiRequestError } from '../account/api-client';

export interface StaffRatingsState {
  response?: RatingListResponse;
  fetchedAt?: number;
  /** True when the list is the copy saved at the last successful load (offline). */
  fromCache: boolean;
  error?: unknown;
  loading: boolean;
  reload(): void;
  loadMore(): void;
}

const PAGE = 100;

/**
 * The ratings this person may read, newest first. Each successful load is saved for this person (contact masked
 * only), so a tablet that loses the network keeps showing the last list.
 */
export function useStaffRatings(db: KioskDatabase, me: Me): StaffRatingsState {
  const [response, setResponse] = useState<RatingListResponse>();
  const [fetchedAt, setFetchedAt] = useState<number>();
  const [fromCache, setFromCache] = useState(false);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);

  const reload = useCallback(async () => {
    setLoading(true);
    setError(undefined);
    try {
      const fresh = await apiRequest<RatingListResponse>('GET', `${RATINGS_PATH}?limit=${PAGE}`);
      const at = Date.now();
      await setMeta(db, 'staffRatings', { userId: me.id, fetchedAt: at, response: fresh });
      setResponse(fresh);
      setFetchedAt(at);
      setFromCache(false);
    } catch (err) {
      const cached = await readCachedResponse(db, 'staffRatings');
      if (err instanceof ApiRequestError && err.isNetwork && cached?.userId === me.id) {
        setResponse(cached.response);
        setFetchedAt(cached.fetchedAt);
        setFromCache(true);
      } else setError(err);
    } finally {
      setLoading(false);
    }
  }, [db, me.id]);

  const loadMore = useCallback(async () => {
    if (!response?.nextBefore) return;
    setLoading(true);
    try {
      const older = await apiRequest<RatingListResponse>('GET', `${RATINGS_PATH}?limit=${PAGE}&before=${response.nextBefore}`);
      const merge = <T extends { id: string }>(a: T[], b: T[]) => [...a, ...b.filter((x) => !a.some((y) => y.id === x.id))];
      setResponse({
        items: [...response.items, ...older.items],
        refs: { reasons: older.refs.reasons, windows: merge(response.refs.windows, older.refs.windows), staff: merge(response.refs.staff, older.refs.staff) },
        nextBefore: older.nextBefore,
      });
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [response]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { response, fetchedAt, fromCache, error, loading, reload: () => void reload(), loadMore: () => void loadMore() };
}
