import { contactRetentionDays, dropExpiredContact } from './contact-retention';
import type { KioskDatabase, OutboxStream } from './db';
import { getMeta } from './meta';
import { allStreams, countWaiting, type Stream } from './stream-tables';
import { SyncEngine, type SyncTrigger } from './sync-engine';
import { fetchHealth, pushRatings, type TransportOptions, type TransportResult } from './sync-transport';
import type { PushRequest, PushResponse } from '../domain/sync-api';

export interface SyncRuntime {
  /** The kiosk stream's engine. */
  engine: SyncEngine;
  /** One engine per stream of the registry (src/data/streams.ts). */
  engines: Record<OutboxStream, SyncEngine>;
  /** Runs every stream, each on its own: none waits for another's queue, health check or backoff. */
  trigger(reason: SyncTrigger): Promise<void>;
  stop(): void;
}

const TIMER_MS = 15_000;

/**
 * How a stream's batch reaches the server: to its route, with the device credential or (a session stream) with the
 * session cookie the browser adds. The credential is read for each request: enrolment may happen while it runs.
 */
export function streamPush(
  db: KioskDatabase,
  s: Pick<Stream, 'path' | 'auth'>,
  opts: Pick<TransportOptions, 'baseUrl' | 'fetch'> = {},
): (req: PushRequest) => Promise<TransportResult<PushResponse>> {
  return async (req) => pushRatings(req, { ...opts, path: s.path, credential: s.auth === 'device' ? (await getMeta(db, 'device'))?.credential : undefined });
}

/**
 * Whether a run of this stream is worth starting. The 'always' stream (the kiosk) runs with nothing queued, so its
 * health check keeps the status strip current; the others only when something waits, or an empty run would add a
 * health check to every tick. A session stream waits for someone signed in with items (or photos) of their own.
 */
async function worthRunning(db: KioskDatabase, s: Stream): Promise<boolean> {
  if (s.auth === 'session') {
    const me = await getMeta(db, 'me');
    if (!me) return false;
    if (s.runs === 'always') return true;
    return (await countWaiting(db, s.name, me.id)) > 0 || (s.companion ? (await s.companion.ownWaiting(db, me.id)) > 0 : false);
  }
  return s.runs === 'always' || (await countWaiting(db, s.name)) > 0;
}

interface StreamRunner {
  engine: SyncEngine;
  trigger(reason: SyncTrigger): Promise<void>;
  stop(): void;
}

/**
 * One stream's single-flight engine under its own Web Lock (two tabs of one profile do not push the same stream at
 * once, but different streams go side by side), with its own retry timer for when its backoff ends.
 */
function streamRunner(db: KioskDatabase, s: Stream): StreamRunner {
  const onAnswer = s.onAnswer;
  const engine = new SyncEngine({ db, stream: s.name, push: streamPush(db, s), health: () => fetchHealth(), onAnswer: onAnswer && ((answer) => onAnswer(db, answer)) });
  const run = async (reason: SyncTrigger) => {
    if (!(await worthRunning(db, s))) return;
    await engine.sync(reason);
    await s.companion?.run(db);
  };
  let retryTimer: number | undefined;
  let stopped = false;
  const trigger = async (reason: SyncTrigger) => {
    try {
      if (navigator.locks) await navigator.locks.request(`haochaping-sync:${s.name}`, () => run(reason));
      else await run(reason);
    } catch (err) {
      // A failed run has already recorded its error for the status strip; the next trigger tries again.
      console.warn(`sync run of the ${s.name} stream failed`, err);
    }
    // Retry when this stream's backoff ends rather than at the next timer tick.
    const backoff = await getMeta(db, s.backoffKey);
    window.clearTimeout(retryTimer);
    if (!stopped && backoff && backoff.nextAttemptAt > Date.now()) {
      retryTimer = window.setTimeout(() => void trigger('timer'), backoff.nextAttemptAt - Date.now() + 50);
    }
  };
  return {
    engine,
    trigger,
    stop() {
      stopped = true;
      window.clearTimeout(retryTimer);
    },
  };
}

/**
 * Wires the engines to the browser: start-up, `online`, becoming visible, a timer, and each new rating. Background
 * Sync is not used (no Safari, no Firefox) and navigator.onLine is only a hint.
 */
export function startSyncRuntime(db: KioskDatabase): SyncRuntime {
  const runners = allStreams().map((s) => [s.name, streamRunner(db, s)] as const);
  const engines = Object.fromEntries(runners.map(([name, r]) => [name, r.engine])) as Record<OutboxStream, SyncEngine>;
  const trigger = async (reason: SyncTrigger) => {
    await Promise.all(runners.map(([, r]) => r.trigger(reason)));
    // Held and refused records do not keep an evaluator's contact on the tablet forever. After the runs, so that
    // its write transaction does not come between a stream's batches.
    await dropExpiredContact(db, await contactRetentionDays(db)).catch((err) => console.warn('contact retention failed', err));
  };
  const onOnline = () => void trigger('online');
  const onVisible = () => document.visibilityState === 'visible' && void trigger('visible');
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  const timer = window.setInterval(() => void trigger('timer'), TIMER_MS);
  void trigger('startup');
  return {
    engine: engines.kiosk,
    engines,
    trigger,
    stop() {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
      for (const [, r] of runners) r.stop();
    },
  };
}
