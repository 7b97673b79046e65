import http from 'node:http';
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

/**
 * Opens the live case stream as a browser's EventSource would (a GET with the cookie), parsing what arrives. Over
 * node:http on a connection of its own: close() destroys exactly that socket (fetch's pool may open another one
 * after an abort, which a closing server then waits for).
 */
export async function openCaseStream(baseUrl: string, cookie?: string, path = CASE_LIVE_PATH): Promise<OpenStream> {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(baseUrl + path, { agent: false, headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) } }, resolve);
    req.on('error', reject);
  });
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

  let pending = '';
  res.setEncoding('utf8');
  res.on('data', (text: string) => {
    pending += text;
    const blocks = pending.split('\n\n');
    pending = blocks.pop()!;
    blocks.forEach(parse);
    wake();
  });
  const ended = new Promise<void>((resolve) => {
    // 'close' also when close() destroyed it: not an end the server chose, but the stream is over all the same.
    res.on('close', () => {
      done = true;
      wake();
      resolve();
    });
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, String(value));

  return {
    status: res.statusCode ?? 0,
    headers,
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
    close: () => res.destroy(),
  };
}
