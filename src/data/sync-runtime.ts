import Dexie from 'dexie';
import { ABANDONED_TAP_PATHS } from '../domain/abandoned-taps';
import { CASE_PATHS } from '../domain/case-api';
import { PAPER_PATHS } from '../domain/paper-api';
import { applyCaseChanges } from './case-actions';
import { contactRetentionDays, dropExpiredContact } from './contact-retention';
import type { KioskDatabase } from './db';
import { countOwnWaitingPhotos, uploadPhotos } from './photo-upload';
import { countOwnWaiting, pushOwnOnly } from './session-push';
import { getMeta } from './meta';
import { SyncEngine, type SyncTrigger } from './sync-engine';
import { fetchHealth, pushRatings } from './sync-transport';

export interface SyncRuntime {
  engine: SyncEngine;
  trigger(reason: SyncTrigger): Promise<void>;
  stop(): void;
}

const TIMER_MS = 15_000;

/**
 * Wires the engine to the browser: start-up, `online`, becoming visible, a timer, and each new rating. Background
 * Sync is not used (no Safari, no Firefox) and navigator.onLine is only a hint. A Web Lock keeps two tabs of the
 * same profile from syncing at once.
 */
export function startSyncRuntime(db: KioskDatabase): SyncRuntime {
  // The credential is read for each request: enrolment may happen while the runtime runs.
  const credential = async () => (await getMeta(db, 'device'))?.credential;
  const engine = new SyncEngine({
    db,
    push: async (req) => pushRatings(req, { credential: await credential() }),
    health: () => fetchHealth(),
  });
  // Paper forms and case steps go with the signed-in person's session cookie, each only with its author's: on a
  // tablet shared across shifts, what another person left waits for them (without a session, an auth stop).
  const paper = new SyncEngine({ db, stream: 'paper', push: pushOwnOnly(db, 'paper', (req) => pushRatings(req, { path: PAPER_PATHS.push })), health: () => fetchHealth() });
  const cases = new SyncEngine({ db, stream: 'case', push: pushOwnOnly(db, 'case', (req) => pushRatings(req, { path: CASE_PATHS.push })), health: () => fetchHealth(), onAnswer: (answer) => applyCaseChanges(db, answer) });
  // Counts of bad taps left at the reason screen go with the device credential too, to their own route.
  const abandoned = new SyncEngine({
    db,
    stream: 'abandon',
    push: async (req) => pushRatings(req, { credential: await credential(), path: ABANDONED_TAP_PATHS.push }),
    health: () => fetchHealth(),
  });
  const abandonedWaiting = () =>
    db.outbox.where('[state+stream+id]').between(['pending', 'abandon', Dexie.minKey], ['pending', 'abandon', Dexie.maxKey]).count();
  const runAll = async (reason: SyncTrigger) => {
    await engine.sync(reason);
    // Only when some wait: an empty run would add a health check to every tick.
    if ((await abandonedWaiting()) > 0) await abandoned.sync(reason);
    // Held and refused records do not keep an evaluator's contact on the tablet forever.
    await dropExpiredContact(db, await contactRetentionDays(db));
    const me = await getMeta(db, 'me');
    if (!me) return;
    if ((await countOwnWaiting(db, 'paper', me.id)) > 0 || (await countOwnWaitingPhotos(db, me.id)) > 0) {
      await paper.sync(reason);
      await uploadPhotos(db);
    }
    if ((await countOwnWaiting(db, 'case', me.id)) > 0) await cases.sync(reason);
  };
  let retryTimer: number | undefined;
  const trigger = async (reason: SyncTrigger) => {
    try {
      if (navigator.locks) await navigator.locks.request('haochaping-sync', () => runAll(reason));
      else await runAll(reason);
    } catch (err) {
      // A failed run has already recorded its error for the status strip; the next trigger tries again.
      console.warn('sync run failed', err);
    }
    // Retry when the backoff ends rather than at the next timer tick.
    const backoff = await getMeta(db, 'backoff');
    window.clearTimeout(retryTimer);
    if (backoff && backoff.nextAttemptAt > Date.now()) {
      retryTimer = window.setTimeout(() => void trigger('timer'), backoff.nextAttemptAt - Date.now() + 50);
    }
  };
  const onOnline = () => void trigger('online');
  const onVisible = () => document.visibilityState === 'visible' && void trigger('visible');
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  const timer = window.setInterval(() => void trigger('timer'), TIMER_MS);
  void trigger('startup');
  return {
    engine,
    trigger,
    stop() {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
      window.clearTimeout(retryTimer);
    },
  };
}
