import type { Store } from '../store/store';
import { runDefaultJob, type DefaultJobResult } from './default-job';

/** How often the server runs the default job (issue 14: at start-up and every 10 minutes). */
export const DEFAULT_JOB_INTERVAL_MS = 10 * 60 * 1000;

export interface DefaultJobLog {
  info(message: string): void;
  error(message: string): void;
}

export interface DefaultJobSchedule {
  /** The run in progress (or just finished): tests and the shutdown wait for it. */
  readonly current: Promise<DefaultJobResult | null>;
  /** Clears the timer, asks a run in progress to end after its page and waits for it: the store can close after. */
  stop(): Promise<void>;
}

/**
 * Runs the job now and then every `intervalMs`, one run at a time in this process (a tick while one runs is
 * skipped; other processes may run theirs at the same time: the unique key decides). A failing run is logged and
 * the next tick tries again; the timer never keeps the process alive.
 */
export function startDefaultJob(store: Store, log: DefaultJobLog, intervalMs = DEFAULT_JOB_INTERVAL_MS, clock: () => number = Date.now): DefaultJobSchedule {
  let running: Promise<DefaultJobResult | null> | null = null;
  let last: Promise<DefaultJobResult | null> = Promise.resolve(null);
  const stopping = new AbortController();
  const tick = () => {
    if (running || stopping.signal.aborted) return;
    const now = clock();
    running = runDefaultJob(store, { asOf: now, now, runBy: { kind: 'server' }, signal: stopping.signal }).then(
      (r) => {
        if (r.counts.made || r.counts.superseded || r.counts.waiting) {
          log.info(`default 满意: ${r.counts.made} made, ${r.counts.superseded} superseded, ${r.counts.waiting} waiting for a calendar table`);
        }
        return r;
      },
      (err: unknown) => {
        log.error(`default 满意 job failed (tried again in ${Math.round(intervalMs / 60_000)} min): ${err instanceof Error ? err.message : String(err)}`);
        return null;
      },
    );
    last = running;
    void running.finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    get current() {
      return last;
    },
    async stop() {
      // A first run over years of 办件 takes a while: it stops after the page it is writing, not at the end.
      stopping.abort();
      clearInterval(timer);
      await last;
    },
  };
}
