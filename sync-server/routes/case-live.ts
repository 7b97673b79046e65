import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { CASE_LIVE_RETRY_MS, type CaseLiveMessage, type CaseOpened } from '../../src/domain/case-live';
import { API } from '../../src/domain/endpoints';
import { hasPermission, inScope, ratingScope, type RatingScope } from '../../src/domain/roles';
import { ClientError } from '../errors';
import type { CaseNotice, CaseNotifier } from '../live/case-notifier';
import type { Store } from '../store/store';
import { route } from './endpoint';

export interface LiveStreamOptions {
  /**
   * How often each stream gets a comment line and its session is checked again. Proxies close connections idle
   * for a minute (nginx's default proxy_read_timeout is 60 s); a signed-out or expired session ends within this.
   */
  heartbeatMs?: number;
  /** Streams one session may hold (one per open /staff tab); a new one beyond it ends the oldest. */
  maxStreamsPerSession?: number;
}

/** A stream whose reader stopped reading holds at most this much before it is ended (messages are ~200 bytes). */
const MAX_BUFFERED_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    /** How many live case streams this instance holds open now (each is a socket and a timer). */
    caseLiveStreams(): number;
  }
}

interface LiveStream {
  tokenHash: string;
  scope: RatingScope;
  write(text: string): void;
  end(): void;
}

/**
 * `GET /api/v1/cases/live`: Server-Sent Events telling a signed-in person that a case in their scope (the case
 * list's, roles.ts ratingScope) opened, whichever instance took the rating (the notifier carries it). A stream
 * is a hint to read the summary now; it is never the record. Sent as text/event-stream, neither compressed nor
 * buffered on the way (no-transform, X-Accel-Buffering: no), so each message leaves as it is written.
 */
export function caseLiveRoute(app: FastifyInstance, store: Store, notifier: CaseNotifier, opts: LiveStreamOptions = {}) {
  const heartbeatMs = opts.heartbeatMs ?? 25_000;
  const maxPerSession = opts.maxStreamsPerSession ?? 8;
  const streams = new Set<LiveStream>();

  /**
   * The scope of the session now, or null when it ended, expired, or no longer reads cases. Read without touching
   * the session: an open stream must not keep a session alive that nobody uses.
   */
  const currentScope = async (tokenHash: string): Promise<RatingScope | null> => {
    const session = await store.findSession(tokenHash);
    if (!session || session.expiresAt <= Date.now()) return null;
    const account = await store.getAccount(session.staffId);
    if (!account || !account.active || account.mustChangePassword) return null;
    const actor = { id: account.id, roles: account.roles, unitId: account.unitId, windowId: account.windowId };
    return hasPermission(actor, 'cases.read') ? ratingScope(actor) : null;
  };

  /** Re-reads the session; false (and the stream ended) when it is gone or cannot be read. */
  const stillSignedIn = async (stream: LiveStream): Promise<boolean> => {
    const scope = await currentScope(stream.tokenHash).catch((err) => {
      app.log.warn({ err }, 'live case stream: session check failed');
      return null;
    });
    if (!scope) stream.end();
    else stream.scope = scope;
    return scope !== null;
  };

  const message = (m: CaseLiveMessage) => `data: ${JSON.stringify(m)}\n\n`;

  const sendOpened = async (stream: LiveStream, event: CaseOpened) => {
    if (!inScope(stream.scope, event)) return;
    // Checked at each message too, not only at the heartbeat: a signed-out tablet hears nothing more.
    if ((await stillSignedIn(stream)) && inScope(stream.scope, event)) stream.write(message({ type: 'case-opened', case: event }));
  };

  const onNotice = (notice: CaseNotice) => {
    for (const stream of streams) {
      if (notice.kind === 'missed') stream.write(message({ type: 'resync' }));
      else void sendOpened(stream, notice.event);
    }
  };
  const unsubscribe = notifier.subscribe(onNotice);
  app.decorate('caseLiveStreams', () => streams.size);
  // Open streams would hold app.close() (and a rolling restart) forever: they end first, and browsers reconnect.
  app.addHook('preClose', async () => {
    for (const stream of [...streams]) stream.end();
  });
  app.addHook('onClose', async () => unsubscribe());

  route(app, API.caseLive, { config: { access: 'cases.read' } }, async (request, reply) => {
    const actor = request.actor!;
    const scope = ratingScope(actor);
    if (!scope) throw new ClientError(403, 'FORBIDDEN', 'no cases are in your scope');

    const out = new PassThrough();
    let beat: NodeJS.Timeout | undefined;
    const stream: LiveStream = {
      tokenHash: actor.tokenHash,
      scope,
      write(text) {
        if (out.writableEnded) return;
        if (out.writableLength > MAX_BUFFERED_BYTES) return stream.end();
        out.write(text);
      },
      end() {
        if (!streams.delete(stream)) return;
        clearInterval(beat);
        out.end();
      },
    };
    const mine = [...streams].filter((s) => s.tokenHash === stream.tokenHash);
    for (const old of mine.slice(0, Math.max(0, mine.length - maxPerSession + 1))) old.end();
    streams.add(stream);
    beat = setInterval(() => {
      void stillSignedIn(stream).then((ok) => ok && stream.write(': keep-alive\n\n'));
    }, heartbeatMs);
    // The reader went away (tab closed, network lost) or the answer ended: the stream is forgotten either way.
    reply.raw.on('close', () => stream.end());
    out.on('error', () => stream.end());

    // The first bytes leave at once: the browser's EventSource is open (and subscribed here) from now on.
    out.write(`retry: ${CASE_LIVE_RETRY_MS}\n: connected\n\n`);
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no');
    return reply.send(out);
  });
}
