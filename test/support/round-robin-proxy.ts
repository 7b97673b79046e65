import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  baseUrl: string;
  /** Requests forwarded to each upstream, and requests that found an upstream down and went to the next. */
  counts: { forwarded: number[]; retriedElsewhere: number };
  close(): Promise<void>;
}

/**
 * A reverse proxy taking turns between upstreams, as nginx's `upstream` does with `proxy_next_upstream error`: a
 * request whose upstream refuses the connection goes to the next one; a request whose upstream dies after
 * taking it is answered 502 (the client retries, as a tablet does). Bodies are buffered (tests send small ones).
 */
export async function startRoundRobinProxy(upstreams: () => readonly string[]): Promise<RoundRobinProxy> {
  let turn = 0;
  const counts = { forwarded: upstreams().map(() => 0), retriedElsewhere: 0 };
  const forward = (base: string, req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const target = new URL(req.url ?? '/', base);
      const out = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const list = upstreams();
    for (let tried = 0; tried < list.length; tried++) {
      const index = turn++ % list.length;
      try {
        const answer = await forward(list[index], req, body);
        counts.forwarded[index] += 1;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      } catch (err) {
        // Refused: nothing reached that upstream, so the next may take it. Anything else may have been taken.
        if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
          counts.retriedElsewhere += 1;
          continue;
        }
        break;
      }
    }
    res.writeHead(502).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
