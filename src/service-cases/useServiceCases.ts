import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef } from 'react';
import { apiRequest } from '../account/api-client';
import { serviceCasesCache } from '../account/person-cache';
import { useResource } from '../account/useResource';
import type { Me } from '../domain/account-api';
import type { ServiceCase } from '../domain/service-case';
import { SERVICE_CASE_PATHS } from '../domain/service-case-api';
import type { KioskDatabase } from '../data/db';
import type { MetaValues } from '../data/meta';
import { localServiceCases, type LocalServiceCase } from '../data/tablet-service-cases';

type MyServiceCases = MetaValues['myServiceCases']['response'];

/** One line of the list: a 办件 the server holds, or one typed in here and not yet acknowledged. */
export type ServiceCaseEntry = { kind: 'server'; serviceCase: ServiceCase } | { kind: 'local'; local: LocalServiceCase };

export interface ServiceCasesState {
  entries: ServiceCaseEntry[];
  day?: string;
  loadedAt?: number;
  fromCache: boolean;
  error?: unknown;
  reload(): Promise<void>;
}

/**
 * The person's 办件 of today (a lead: the window's), saved for this person so the list works offline, with the
 * entries typed in on this tablet that wait for the server on top, marked as not yet sent. An entry the server
 * already lists (same 办件编号) is shown once, as the server has it.
 */
export function useServiceCases(db: KioskDatabase, me: Me): ServiceCasesState {
  const list = useResource(() => apiRequest<MyServiceCases>('GET', SERVICE_CASE_PATHS.mine), [db, me.id], { cache: serviceCasesCache(db, me.id) });
  const local = useLiveQuery(() => localServiceCases(db, me.id), [db, me.id]);
  const { reload } = list;
  // A waiting entry leaving the outbox means the server took it: the list is fetched again to show it.
  const waiting = local?.filter((l) => l.state === 'pending').length;
  const before = useRef(waiting);
  useEffect(() => {
    if (waiting !== undefined && before.current !== undefined && waiting < before.current) void reload();
    before.current = waiting;
  }, [waiting, reload]);
  const entries = useMemo(() => {
    const server = list.data?.serviceCases ?? [];
    const held = new Set(server.map((c) => c.caseNo));
    const pending: ServiceCaseEntry[] = (local ?? []).filter((l) => l.state !== 'pending' || !held.has(l.record.caseNo)).reverse().map((l) => ({ kind: 'local', local: l }));
    return [...pending, ...server.map((serviceCase): ServiceCaseEntry => ({ kind: 'server', serviceCase }))];
  }, [list.data, local]);
  return { entries, day: list.data?.day, loadedAt: list.loadedAt, fromCache: list.fromCache, error: list.error, reload };
}
