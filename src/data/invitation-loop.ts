import { KIOSK_INVITATION_WAIT_MAX_MS } from '../domain/rating-invitation';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { KioskDatabase } from './db';
import { askForInvitation, refreshKioskServiceCases } from './kiosk-invitation';

/** The staff panel's copy of the window's 办件 is refreshed at most this often while the kiosk is online. */
export const SERVICE_CASES_REFRESH_MS = 60_000;
const LOCK_NAME = 'haochaping-kiosk-invitation';

export interface LoopOptions {
  waitMs?: number;
  /** For tests: the clock, and a shorter backoff. */
  now?: () => number;
  backoff?: BackoffPolicy;
}

/** Resolves at the first of: `ms` passed, the network came back, the page became visible, or the loop stopped. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      window.clearTimeout(timer);
      window.removeEventListener('online', done);
      document.removeEventListener('visibilitychange', onVisible);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const onVisible = () => document.visibilityState === 'visible' && done();
    const timer = window.setTimeout(done, ms);
    window.addEventListener('online', done);
    document.addEventListener('visibilitychange', onVisible);
    signal.addEventListener('abort', done);
  });
}

const canAsk = () => navigator.onLine && document.visibilityState === 'visible';

/**
 * The kiosk's one invitation loop: while the kiosk is enrolled (or a demo kiosk), online and visible, one request at a time asks the
 * server for its window's invitation and waits there up to KIOSK_INVITATION_WAIT_MAX_MS, so an invitation shows
 * within a round trip. Failures back off (src/data/backoff.ts, Retry-After honoured) and end early when the network
 * returns. A Web Lock keeps two tabs of the same kiosk from polling twice; both show what the one stores.
 * Returns the stop function.
 */
export function startInvitationLoop(db: KioskDatabase, opts: LoopOptions = {}): () => void {
  const stop = new AbortController();
  const waitMs = Math.min(opts.waitMs ?? KIOSK_INVITATION_WAIT_MAX_MS, KIOSK_INVITATION_WAIT_MAX_MS);
  const now = opts.now ?? Date.now;

  const run = async () => {
    let failures = 0;
    let casesFetchedAt = -Infinity;
    while (!stop.signal.aborted) {
      if (!canAsk()) {
        await pause(60_000, stop.signal);
        continue;
      }
      if (now() - casesFetchedAt >= SERVICE_CASES_REFRESH_MS) {
        // The list is secondary: its failure only means the panel shows the older copy; the poll carries on.
        if (await refreshKioskServiceCases(db).catch(() => false)) casesFetchedAt = now();
        else casesFetchedAt = now() - SERVICE_CASES_REFRESH_MS / 2;
      }
      // A local failure (IndexedDB) backs off like a network one instead of ending the loop.
      const outcome = await askForInvitation(db, waitMs, stop.signal).catch(() => ({ kind: 'failed' as const, code: 'LOCAL', retryAfterMs: undefined }));
      if (stop.signal.aborted || outcome.kind === 'not-enrolled') return;
      if (outcome.kind === 'ok') {
        failures = 0;
        // An answered or new invitation changes the panel's "rated" marks: read the list again soon.
        if (outcome.received) casesFetchedAt = -Infinity;
        continue;
      }
      failures += 1;
      await pause(Math.max(outcome.retryAfterMs ?? 0, backoffDelay(failures, opts.backoff ?? DEFAULT_BACKOFF)), stop.signal);
    }
  };

  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const started = locks ? locks.request(LOCK_NAME, { signal: stop.signal }, run) : run();
  started.catch((err: unknown) => {
    // An abort while waiting for the lock is the normal end of a second tab's loop.
    if (!stop.signal.aborted) console.warn('invitation loop ended', err);
  });
  return () => stop.abort();
}
