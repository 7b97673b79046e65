import { useEffect, useRef, useState } from 'react';
import type { Me } from '../domain/account-api';
import { CASE_PATHS, type CaseSummary } from '../domain/case-api';
import type { KioskDatabase } from '../data/db';
import { readCasesSeen, saveCasesSeen } from '../data/session-cache';
import { apiRequest } from '../account/api-client';
import { watchCaseLive } from './case-live';

/** The summary poll while the live stream is not open: a new bad review shows within this. */
export const CASE_POLL_MS = 8_000;
/** The poll while the stream is open: it tells of new cases; the poll still brings deadlines passing and closures. */
export const CASE_POLL_STREAMING_MS = 60_000;

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
 * Keeps the summary of this person's cases (open, overdue, newest) and tells of a new bad review. The live case
 * stream (Server-Sent Events, case-live.ts) says at once that one arrived, and the summary is read then; not every
 * hall's proxy lets a stream through, so the small poll stays: every 8 s while the stream is down, every 60 s
 * while it is open.
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
    // One summary request at a time; asked again while one is out, it runs once more after it (a burst of notices
    // is two requests, and the last one sees every case of the burst).
    let inFlight = false;
    let again = false;
    const refresh = () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      void poll().finally(() => {
        inFlight = false;
        if (again && live) {
          again = false;
          refresh();
        }
      });
    };
    let streaming = false;
    let timer: number | undefined;
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        refresh();
        schedule();
      }, streaming ? CASE_POLL_STREAMING_MS : CASE_POLL_MS);
    };
    refresh();
    schedule();
    const stopLive = watchCaseLive({
      onOpen() {
        // Whatever arrived before the stream opened (or while it was down) was not told: look now.
        streaming = true;
        refresh();
        schedule();
      },
      onNotice: refresh,
      onDown() {
        if (!streaming) return;
        streaming = false;
        schedule();
      },
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
      stopLive();
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
