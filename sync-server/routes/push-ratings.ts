import { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PushRequestSchema, type PushResponse } from '../../src/domain/sync-api';
import type { RatingRecord } from '../../src/domain/rating';
import type { ItemRefusal } from '../../src/domain/error-codes';
import { ERROR_CODES, PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import type { Access } from '../auth/access';
import { ClientError } from '../errors';
import { ingestRatings } from '../ingest';
import type { Catalog, Store } from '../store/store';
import { validationError } from '../validate';

export interface PushRouteOptions {
  /** Called after the batch is committed and before the answer leaves: the test hook's window. */
  afterCommit?: () => void;
}

/**
 * Gzip request bodies are inflated as they stream in; Fastify's body limit then applies to the inflated bytes,
 * so a small compressed bomb is refused like any oversize body.
 */
export function inflateGzip(request: FastifyRequest, payload: NodeJS.ReadableStream) {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return payload;
  if (encoding !== 'gzip') throw new ClientError(415, ERROR_CODES.unsupportedEncoding, `content-encoding ${encoding} is not accepted; use gzip`);
  let encodedLength = 0;
  const gunzip = zlib.createGunzip();
  const counter = new Transform({
    transform(chunk, _enc, done) {
      encodedLength += chunk.length;
      // Fastify compares this with Content-Length instead of the inflated size.
      Object.assign(gunzip, { receivedEncodedLength: encodedLength });
      done(null, chunk);
    },
  });
  const inflated = payload.pipe(counter).pipe(gunzip);
  return inflated;
}

/** JSON answers worth compressing (batch acknowledgements, case lists) go gzipped to clients that take it. */
export function sendMaybeGzipped(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  const json = JSON.stringify(body);
  reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept-encoding');
  if (json.length > 1024 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(json, { level: 6 }));
  }
  return reply.send(json);
}

export type ItemCheck = (record: RatingRecord, request: FastifyRequest, catalog: Catalog) => ItemRefusal | null;

/**
 * A batch-push route: gzip bodies, the shared envelope, every item validated alone and answered in order.
 * Kiosks push to one (with their device credential), staff typing in paper forms to another (with their session).
 */
export function registerPushRoute(
  app: FastifyInstance,
  store: Store,
  route: { path: string; access: Access; check: ItemCheck; prepare?: (record: RatingRecord) => RatingRecord },
  opts: PushRouteOptions = {},
) {
  app.post(route.path, {
    config: { access: route.access },
    preParsing: async (request, _reply, payload) => inflateGzip(request, payload),
    handler: async (request, reply) => {
      const receivedAt = Date.now();
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        throw new ClientError(415, ERROR_CODES.unsupportedMedia, 'send the batch as application/json');
      }
      const parsed = PushRequestSchema.safeParse(request.body);
      if (!parsed.success) throw validationError(parsed.error);
      const device = request.device;
      if (device && parsed.data.deviceId !== device.id) {
        throw new ClientError(403, 'DEVICE_MISMATCH', 'the batch names another device than its credential');
      }
      const results = await ingestRatings(store, parsed.data, receivedAt, { deviceWindowIds: device ? await store.deviceWindowIds(device.id) : undefined, check: (r, catalog) => route.check(r, request, catalog), prepare: route.prepare });
      opts.afterCommit?.();
      const response: PushResponse = { serverTime: Date.now(), results };
      return sendMaybeGzipped(request, reply, response);
    },
  });
}

// A paper form is typed in by a signed-in person and goes through their session, never a kiosk credential.
const kioskItemCheck: ItemCheck = (r) =>
  r.channel === 'PAPER' ? { code: 'PAPER_NEEDS_SIGN_IN', message: 'paper forms are sent by the signed-in person who typed them in' } : null;

export function pushRatingsRoute(app: FastifyInstance, store: Store, opts: PushRouteOptions = {}) {
  // An enrolled kiosk pushes with its credential; in demo mode a kiosk without one may too.
  registerPushRoute(app, store, { path: PUSH_RATINGS_PATH, access: 'device-or-demo', check: kioskItemCheck }, opts);
}
