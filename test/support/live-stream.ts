import { CASE_LIVE_PATH, type CaseLiveMessage } from '../../src/domain/case-live';

export interface OpenStream {
  status: number;
  headers: Headers;
  /** The `data:` messages so far, parsed, in order. */
  messages: CaseLiveMessage[];
  /** Comment lines (heartbeats) so far. */
  comments: string[];
  /** `retry:` hints so far. */
  retries: number[];
  /** Resolves when the server ended the stream (not when close() did). */
  ended: Promise<void>;
  /** Resolves with the first message (from `from` on) that passes `ok`; rejects when the stream ends first or after `timeoutMs`. */
  next(ok: (m: CaseLiveMessage) => boolean, opts?: { from?: number; timeoutMs?: number }): Promise<CaseLiveMessage>;
  close(): void;
}

/** Opens the live case stream as a browser's EventSource would (a GET with the cookie), parsing what arrives. */
export async function openCaseStream(baseUrl: string, cookie?: string, path = CASE_LIVE_PATH): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await fetch(baseUrl + path, { headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) }, signal: abort.signal });
  const messages: CaseLiveMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  const wake = () => waiters.forEach((w) => w());

  const parse = (block: string) => {
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('retry:')) retries.push(Number(line.slice(6)));
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) messages.push(JSON.parse(data.join('\n')));
  };

  const ended = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for (;;) {
        const { value, done: over } = await reader.read();
        if (over) break;
        pending += decoder.decode(value, { stream: true });
        const blocks = pending.split('\n\n');
        pending = blocks.pop()!;
        blocks.forEach(parse);
        wake();
      }
    } catch {
      // Aborted by close(): not an end the server chose, but the stream is over all the same.
    } finally {
      done = true;
      wake();
    }
  })();

  return {
    status: res.status,
    headers: res.headers,
    messages,
    comments,
    retries,
    ended,
    next(ok, { from = 0, timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(() => reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        const check = () => {
          const found = messages.slice(from).find(ok);
          if (found) finish(() => resolve(found));
          else if (done) finish(() => reject(new Error(`the stream ended without a matching message; got ${JSON.stringify(messages)}`)));
        };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
