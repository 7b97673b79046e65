import { useEffect, useRef, useState } from 'react';
import type { Me } from '../domain/account-api';
import { CASE_PATHS, type CaseSummary } from '../domain/case-api';
import type { KioskDatabase } from '../data/db';
import { readCasesSeen, saveCasesSeen } from '../data/session-cache';
import { apiRequest } from '../account/api-client';

export const CASE_POLL_MS = 8_000;

export interface CaseAlerts {
  /** Open cases in this person's scope at the last poll (null before the first answer). */
  open: number | null;
  /** Open cases past a deadline at the last poll. */
  overdue: number;
  /** A bad review arrived that this person has not acknowledged yet. */
  fresh: boolean;
  /** Bumped on every new arrival, so an open list reloads itself. */
  arrivals: number;
  markSeen(): void;
}

/**
 * Polls the server for new bad reviews in this person's scope. Server-sent events and Web Push are not reachable
 * through every hall's proxy; a small poll is, and the summary it reads is two numbers.
 */
export function useCaseAlerts(db: KioskDatabase, me: Me, enabled: boolean): CaseAlerts {
  const [open, setOpen] = useState<number | null>(null);
  const [overdue, setOverdue] = useState(0);
  const [latest, setLatest] = useState<number | null>(null);
  const [seen, setSeen] = useState<number | null>(null);
  const [arrivals, setArrivals] = useState(0);
  const previous = useRef<number | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void readCasesSeen(db, me.id).then((s) => live && setSeen(s));
    const poll = async () => {
      try {
        const summary = await apiRequest<CaseSummary>('GET', CASE_PATHS.summary);
        if (!live) return;
        setOpen(summary.open);
        setOverdue(summary.overdue);
        setLatest(summary.latestReceivedAt);
        if (previous.current !== null && summary.latestReceivedAt !== null && summary.latestReceivedAt > previous.current) setArrivals((n) => n + 1);
        previous.current = summary.latestReceivedAt ?? 0;
      } catch {
        // Offline or signed out: the next poll tries again.
      }
    };
    void poll();
    const timer = window.setInterval(poll, CASE_POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [db, me.id, enabled]);

  // The installed app's icon carries the open count where the platform supports it (Chromium, Safari 17).
  useEffect(() => {
    const nav = navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
    if (open === null || !nav.setAppBadge) return;
    void (open > 0 ? nav.setAppBadge(open) : nav.clearAppBadge?.())?.catch(() => undefined);
  }, [open]);

  const fresh = latest !== null && seen !== null && latest > seen;
  const markSeen = () => {
    if (latest === null) return;
    setSeen(latest);
    void saveCasesSeen(db, me.id, latest);
  };
  return { open, overdue, fresh, arrivals, markSeen };
}
