import http from 'node:http';
import net from 'node:net';
import { rng, type Rng } from './fuzz-prng';

/**
 * A small HTTP proxy between the browser and the server that breaks the push routes (/api/v1/sync/…) the ways a
 * hall's network and a dying server do, chosen per request by a seeded generator so a failing run is made again
 * from its seed. Everything else (the app, its API calls) passes through untouched, so only the sync path is
 * under test. It keeps its port while the server behind it is killed and started again elsewhere (`retarget`).
 */
export const FAULTS = ['drop', 'loseAnswer', 'duplicate', 'delay'] as const;
export type Fault = (typeof FAULTS)[number];

export type FaultCounts = Record<Fault | 'clean', number>;
const noFaults = (): FaultCounts => ({ drop: 0, loseAnswer: 0, duplicate: 0, delay: 0, clean: 0 });

export interface FaultProxy {
  port: number;
  baseUrl: string;
  /** What the proxy did to push requests, per push route: each fault, and the requests it passed on clean. */
  counts: Record<string, FaultCounts>;
  /** The same summed over the routes. */
  totals(): FaultCounts;
  /** Resolves when the next push request has been forwarded to the server (the moment to kill it mid-sync). */
  nextForward(): Promise<void>;
  /**
   * Holds back the server's answer to the next push on `route` that reaches it; resolves, once that answer is in
   * the proxy (the server has committed), with the function that lets it go on. The moment to cut a tablet's power.
   */
  holdNextAnswer(route: string): Promise<() => void>;
  retarget(port: number): void;
  /** Off: every request passes clean (the final drain). */
  setFaults(on: boolean): void;
  close(): Promise<void>;
}

const SYNC_PREFIX = '/api/v1/sync/';
/** Headers of one hop only (RFC 9110 §7.6.1): not forwarded. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function readBody(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP.has(k.toLowerCase())));
}

/** A route's own generator: the faults on one route do not shift with the timing of the others. */
const routeRng = (seed: number, route: string): Rng => rng([...route].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), seed ^ 2166136261));

export async function startFaultProxy(opts: { target: number; seed: number; faultRate: number; maxDelayMs?: number }): Promise<FaultProxy> {
  let target = opts.target;
  let faultsOn = true;
  let waiters: (() => void)[] = [];
  const holds = new Map<string, (release: () => void) => void>();
  const counts: FaultProxy['counts'] = {};
  const sockets = new Set<net.Socket>();

  /** One request to the server as it is now; the body buffered so it can be sent twice. */
  const forward = (req: http.IncomingMessage, body: Buffer, sync: boolean): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: target,
          method: req.method,
          path: req.url,
          headers: { ...endToEnd(req.headers), 'content-length': String(body.length) },
          agent: false,
        },
        (res) => readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject),
      );
      upstream.on('error', reject);
      upstream.end(body, () => {
        if (!sync) return;
        const ready = waiters;
        waiters = [];
        for (const w of ready) w();
      });
    });

  const send = (res: http.ServerResponse, a: Answer) => {
    res.writeHead(a.status, { ...endToEnd(a.headers), 'content-length': String(a.body.length) });
    res.end(a.body);
  };

  /*
   * Each route meets every fault early, whatever the luck of the draw: a route with few requests (ten paper forms)
   * would otherwise often see no drop at all, and a tablet deleting before the answer would pass unnoticed. Its
   * first four requests take the four faults in a seeded order; after that, chance decides.
   */
  const routes = new Map<string, { random: Rng; firsts: Fault[] }>();
  const pick = (route: string): Fault | 'clean' => {
    if (!faultsOn) return 'clean';
    let r = routes.get(route);
    if (!r) {
      const random = routeRng(opts.seed, route);
      const order = [...FAULTS];
      for (let i = order.length - 1; i > 0; i--) {
        const j = random.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      r = { random, firsts: order };
      routes.set(route, r);
    }
    if (r.firsts.length > 0) return r.firsts.shift()!;
    return r.random.next() < opts.faultRate ? r.random.pick(FAULTS) : 'clean';
  };

  const server = http.createServer((req, res) => {
    // No connection is used twice: Chromium silently sends a request again when a reused connection closes
    // without an answer, which would hide a drop or a lost answer from the app under test.
    res.shouldKeepAlive = false;
    void (async () => {
      const body = await readBody(req);
      const route = (req.url ?? '').split('?')[0];
      const sync = route.startsWith(SYNC_PREFIX);
      const fault = sync ? pick(route) : 'clean';
      const delayMs = fault === 'delay' ? 200 + routes.get(route)!.random.int(opts.maxDelayMs ?? 1500) : 0;
      if (sync) (counts[route] ??= noFaults())[fault]++;
      if (fault === 'drop') {
        // Lost on the way: the server never sees it.
        req.socket.destroy();
        return;
      }
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      let answer: Answer;
      if (fault === 'duplicate') {
        // The same bytes twice, side by side (a retrying middlebox): the store must take them once.
        const both = await Promise.allSettled([forward(req, body, true), forward(req, body, true)]);
        const ok = both.filter((b): b is PromiseFulfilledResult<Answer> => b.status === 'fulfilled');
        if (ok.length === 0) throw (both[0] as PromiseRejectedResult).reason;
        answer = ok[ok.length - 1].value;
      } else answer = await forward(req, body, sync);
      const hold = holds.get(route);
      if (hold) {
        holds.delete(route);
        await new Promise<void>((release) => hold(release));
      }
      if (fault === 'loseAnswer') {
        // The server committed and answered; the tablet never hears it.
        req.socket.destroy();
        return;
      }
      send(res, answer);
    })().catch(() => {
      // The server is down or died mid-request: what a tablet sees then.
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('bad gateway');
      } else req.socket.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    counts,
    totals() {
      const sum = noFaults();
      for (const c of Object.values(counts)) for (const k of Object.keys(sum) as (keyof FaultCounts)[]) sum[k] += c[k];
      return sum;
    },
    nextForward: () => new Promise<void>((resolve) => waiters.push(resolve)),
    holdNextAnswer(route) {
      if (holds.has(route)) throw new Error(`an answer on ${route} is already held`);
      return new Promise((resolve) => holds.set(route, resolve));
    },
    retarget(p) {
      target = p;
    },
    setFaults(on) {
      faultsOn = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
