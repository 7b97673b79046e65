import { useCallback, useState } from 'react';
import type { Me } from '../domain/account-api';
import { RATINGS_PATH, type RatingListResponse } from '../domain/ratings-api';
import type { KioskDatabase } from '../data/db';
import { apiRequest } from '../account/api-client';
import { staffRatingsCache } from '../account/person-cache';
import { useResource } from '../account/useResource';

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
  const list = useResource(() => apiRequest<RatingListResponse>('GET', `${RATINGS_PATH}?limit=${PAGE}`), [db, me.id], {
    cache: staffRatingsCache(db, me.id),
  });
  const [more, setMore] = useState<{ loading: boolean; error?: unknown }>({ loading: false });
  const { data: response, update, reload } = list;

  const loadMore = useCallback(async () => {
    if (!response?.nextBefore) return;
    setMore({ loading: true });
    try {
      const older = await apiRequest<RatingListResponse>('GET', `${RATINGS_PATH}?limit=${PAGE}&before=${response.nextBefore}`);
      const merge = <T extends { id: string }>(a: T[], b: T[]) => [...a, ...b.filter((x) => !a.some((y) => y.id === x.id))];
      // Appended only to the list it continues: a reload that answered meanwhile has started the list afresh.
      update((shown) =>
        shown !== response
          ? shown
          : {
              items: [...response.items, ...older.items],
              refs: { reasons: older.refs.reasons, windows: merge(response.refs.windows, older.refs.windows), staff: merge(response.refs.staff, older.refs.staff) },
              nextBefore: older.nextBefore,
            },
      );
      setMore({ loading: false });
    } catch (err) {
      setMore({ loading: false, error: err });
    }
  }, [response, update]);

  return {
    response,
    fetchedAt: list.loadedAt,
    fromCache: list.fromCache,
    error: more.error ?? list.error,
    loading: list.loading || more.loading,
    reload: () => {
      setMore({ loading: false });
      void reload();
    },
    loadMore: () => void loadMore(),
  };
}
