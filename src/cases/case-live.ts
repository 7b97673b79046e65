import { CASE_LIVE_PATH } from '../domain/case-live';

export interface CaseLiveHandlers {
  /** The stream is open: from now on a new case in scope is told at once (what came before is not: look now). */
  onOpen(): void;
  /** A case opened in scope, or the server may have missed some: read the summary now. */
  onNotice(): void;
  /** The stream is not open (dropped, refused, offline): the regular poll is all there is until onOpen. */
  onDown(): void;
}

/** After the browser gives a stream up (an answer that is not one: 401, 5xx, a proxy's page), it is tried again. */
const REOPEN_FIRST_MS = 15_000;
const REOPEN_MAX_MS = 5 * 60_000;

/**
 * Listens to the live case stream (GET /api/v1/cases/live, Server-Sent Events) while the device is online. A
 * dropped connection is made again by the browser itself (the server's `retry:` hint); one the browser gave up
 * is opened again after a growing wait. Returns the function that closes it for good (unmount, sign-out).
 */
export function watchCaseLive(handlers: CaseLiveHandlers, url: string = CASE_LIVE_PATH): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  let source: EventSource | null = null;
  let reopen: number | undefined;
  let failures = 0;
  let stopped = false;

  const drop = () => {
    source?.close();
    source = null;
  };
  const connect = () => {
    window.clearTimeout(reopen);
    if (stopped || source || !navigator.onLine) return;
    const es = new EventSource(url);
    source = es;
    es.onopen = () => {
      failures = 0;
      handlers.onOpen();
    };
    // Any message means "look now"; what it says is for the server's scope check, not for the screen.
    es.onmessage = () => handlers.onNotice();
    es.onerror = () => {
      handlers.onDown();
      if (es.readyState !== EventSource.CLOSED || source !== es) return; // CONNECTING: the browser retries itself
      drop();
      const wait = Math.min(REOPEN_MAX_MS, REOPEN_FIRST_MS * 2 ** failures++);
      reopen = window.setTimeout(connect, wait);
    };
  };
  const offline = () => {
    drop();
    handlers.onDown();
  };
  window.addEventListener('online', connect);
  window.addEventListener('offline', offline);
  connect();
  return () => {
    stopped = true;
    window.clearTimeout(reopen);
    window.removeEventListener('online', connect);
    window.removeEventListener('offline', offline);
    drop();
  };
}
