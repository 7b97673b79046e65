import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Me } from '../domain/account-api';
import { CASE_PATHS, type CaseListResponse, type CaseView } from '../domain/case-api';
import { caseStatus, type CaseStatus } from '../domain/case-deadlines';
import { replay, type CaseEvent, type CaseState } from '../domain/case-machine';
import { makeCalendar } from '../domain/workdays';
import type { KioskDatabase } from '../data/db';
import { localCaseActions, type LocalCaseAction } from '../data/case-actions';
import { setMeta } from '../data/meta';
import { readCachedResponse } from '../data/cached-responses';
import { apiRequest, ApiRequestError } from '../account/api-client';

export interface CaseEntry {
  view: CaseView;
  /** Actions taken on this tablet not yet acknowledged; applied to the state shown, marked as waiting. */
  local: LocalCaseAction[];
  state: CaseState;
  status: CaseStatus;
}

export interface CasesState {
  entries: CaseEntry[];
  response?: CaseListResponse;
  fetchedAt?: number;
  fromCache: boolean;
  error?: unknown;
  reload(): Promise<void>;
}

/**
 * The cases in this person's scope, with deadlines counted by the shared calendar. Each load is saved for this
 * person (contact masked only) so the list works offline; actions taken offline show at once, marked as waiting.
 */
export function useCases(db: KioskDatabase, me: Me, now: number): CasesState {
  const [response, setResponse] = useState<CaseListResponse>();
  const [fetchedAt, setFetchedAt] = useState<number>();
  const [fromCache, setFromCache] = useState(false);
  const [error, setError] = useState<unknown>();
  const local = useLiveQuery(() => localCaseActions(db), [db]) ?? [];

  const reload = useCallback(async () => {
    try {
      const fresh = await apiRequest<CaseListResponse>('GET', CASE_PATHS.list);
      const at = Date.now();
      await setMeta(db, 'casesCache', { userId: me.id, fetchedAt: at, response: fresh });
      setResponse(fresh);
      setFetchedAt(at);
      setFromCache(false);
      setError(undefined);
    } catch (err) {
      const cached = await readCachedResponse(db, 'casesCache');
      if (err instanceof ApiRequestError && err.isNetwork && cached?.userId === me.id) {
        setResponse(cached.response);
        setFetchedAt(cached.fetchedAt);
        setFromCache(true);
      } else setError(err);
    }
  }, [db, me.id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const entries = useMemo(() => {
    if (!response) return [];
    const calendar = makeCalendar(response.calendar);
    return response.cases.map((view) => {
      const mine = local.filter((l) => l.record.caseId === view.facts.id && !view.events.some((e) => e.id === l.record.id));
      const events: CaseEvent[] = [...view.events, ...mine.filter((l) => l.state === 'pending').map((l) => ({ id: l.record.id, action: l.record.action, by: l.record.by, at: l.record.at }))];
      const state = replay(view.facts, events);
      return { view, local: mine, state, status: caseStatus(view.facts, state, calendar, now) };
    });
  }, [response, local, now]);

  return { entries, response, fetchedAt, fromCache, error, reload };
}
