import { pipeline, Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type * as z from 'zod/mini';
import { ENDPOINTS, IMAGE, isEventStream, type Endpoint } from '../../src/domain/endpoints';

export interface ResponseCheck {
  /** "GET /api/v1/cases: cases.0.facts.id: …", one per answer that did not match its entry's response schema. */
  mismatches: string[];
  /** The entries ("GET /api/v1/cases") whose answers were checked at least once. */
  checked: Set<string>;
}

const key = (e: Pick<Endpoint, 'method' | 'path'>) => `${e.method} ${e.path}`;

/** The JSON a 2xx answer carries as Fastify is about to send it (gzipped by sendMaybeGzipped, or not). */
function bodyOf(payload: unknown, encoding: unknown): unknown {
  if (payload === null || payload === undefined || payload === '') return null;
  let text: string;
  if (Buffer.isBuffer(payload)) text = (encoding === 'gzip' ? zlib.gunzipSync(payload) : payload).toString('utf8');
  else if (typeof payload === 'string') text = payload;
  else throw new Error('a streamed JSON answer');
  return JSON.parse(text);
}

/** Whether a body matches an entry's answer (an event stream's: one message): the issues, none when it does. */
export function responseIssues(entry: Endpoint, body: unknown): string[] {
  if (entry.response === IMAGE) return [];
  const schema = isEventStream(entry.response) ? entry.response.message : (entry.response as z.ZodMiniType);
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`);
}

/**
 * An event stream is not one JSON body: it passes through unchanged while each message's `data:` (JSON, joined
 * over its lines as EventSource joins them) is checked as it goes by. Comments and `retry:` lines carry no data.
 */
function checkedEventStream(entry: Endpoint, stream: Readable, onIssue: (issue: string) => void): Readable {
  let pending = '';
  const checkMessage = (block: string) => {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''));
    if (data.length === 0) return;
    try {
      for (const issue of responseIssues(entry, JSON.parse(data.join('\n')))) onIssue(issue);
    } catch (err) {
      onIssue(`a message that is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const blocks = pending.split('\n\n');
      pending = blocks.pop()!;
      blocks.forEach(checkMessage);
      done(null, chunk);
    },
  });
  // Either end closing closes the other: the route's stream ends when the reader leaves, as without the check.
  pipeline(stream, tap, () => {});
  return tap;
}

/**
 * Checks every successful JSON answer of the in-process test server against the endpoint table's response schema
 * (src/domain/endpoints.ts) as it leaves, over the server tests' real requests. A mismatch is recorded and makes
 * the server's close() fail (test/support/server.ts), so the test file that caused it fails.
 */
export function installResponseCheck(app: FastifyInstance): ResponseCheck {
  const check: ResponseCheck = { mismatches: [], checked: new Set() };
  const byKey = new Map(ENDPOINTS.map((e) => [key(e), e]));
  app.addHook('onSend', async (request, reply, payload) => {
    const entry = byKey.get(key({ method: request.method as Endpoint['method'], path: request.routeOptions.url ?? '' }));
    if (!entry || entry.response === IMAGE || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    // A file answer (a report as XLSX or CSV, asked for with format=) is bytes, not the entry's JSON: its own tests
    // read the file.
    if (/spreadsheetml|^text\/csv|octet-stream/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    if (String(reply.getHeader('content-disposition') ?? '').startsWith('attachment')) return payload;
    check.checked.add(key(entry));
    if (isEventStream(entry.response)) {
      if (!(payload instanceof Readable) || !String(reply.getHeader('content-type')).startsWith('text/event-stream')) {
        check.mismatches.push(`${key(entry)}: not a text/event-stream answer`);
        return payload;
      }
      return checkedEventStream(entry, payload, (issue) => check.mismatches.push(`${key(entry)}: ${issue}`));
    }
    let issues: string[];
    try {
      issues = responseIssues(entry, bodyOf(payload, reply.getHeader('content-encoding')));
    } catch (err) {
      issues = [`not JSON: ${err instanceof Error ? err.message : String(err)}`];
    }
    for (const issue of issues) check.mismatches.push(`${key(entry)}: ${issue}`);
    return payload;
  });
  return check;
}
