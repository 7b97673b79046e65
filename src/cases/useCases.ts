import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Me } from '../domain/account-api';
import { CASE_PATHS, type CaseListResponse, type CaseView } from '../domain/case-api';
import { caseStatus, type CaseStatus } from '../domain/case-deadlines';
import { replay, type CaseEvent, type CaseState } from '../domain/case-machine';
import { makeCalendar } from '../domain/workdays';
import type { KioskDatabase } from '../data/db';
import { localCaseActions, type LocalCaseAction } from '../data/case-actions';
import { apiRequest } from '../account/api-client';
import { casesCache } from '../account/person-cache';
import { readCachedCases } from '../data/session-cache';
import { useResource } from '../account/useResource';

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
 * The list shown is that saved copy as it changes: a case push's answer updates it (applyCaseChanges) without a
 * download.
 */
export function useCases(db: KioskDatabase, me: Me, now: number): CasesState {
  const list = useResource(() => apiRequest<CaseListResponse>('GET', CASE_PATHS.list), [db, me.id], { cache: casesCache(db, me.id) });
  const response = list.data;
  const local = useLiveQuery(() => localCaseActions(db), [db]) ?? [];
  const saved = useLiveQuery(() => readCachedCases(db, me.id), [db, me.id]);
  // The saved copy once it is the one loaded (same download): until the query catches up, what was loaded.
  const shown = saved && saved.fetchedAt === list.loadedAt ? saved.response : response;

  const entries = useMemo(() => {
    if (!shown) return [];
    const calendar = makeCalendar(shown.calendar);
    return shown.cases.map((view) => {
      const mine = local.filter((l) => l.record.caseId === view.facts.id && !view.events.some((e) => e.id === l.record.id));
      const events: CaseEvent[] = [...view.events, ...mine.filter((l) => l.state === 'pending').map((l) => ({ id: l.record.id, action: l.record.action, by: l.record.by, at: l.record.at }))];
      const state = replay(view.facts, events);
      return { view, local: mine, state, status: caseStatus(view.facts, state, calendar, now) };
    });
  }, [shown, local, now]);

  return { entries, response: shown, fetchedAt: list.loadedAt, fromCache: list.fromCache, error: list.error, reload: list.reload };
}
