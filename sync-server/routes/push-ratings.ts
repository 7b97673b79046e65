import { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PushRequestSchema, type PushResponse } from '../../src/domain/sync-api';
import { ERROR_CODES, PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import { ingestRatings } from '../ingest';
import type { Store } from '../store/store';

export interface PushRouteOptions {
  /** Called after the batch is committed and before the answer leaves: the test hook's window. */
  afterCommit?: () => void;
}

/**
 * Gzip request bodies are inflated as they stream in; Fastify's body limit then applies to the inflated bytes,
 * so a small compressed bomb is refused like any oversize body.
 */
function inflateGzip(request: FastifyRequest, payload: NodeJS.ReadableStream) {
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

function sendMaybeGzipped(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  const json = JSON.stringify(body);
  reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept-encoding');
  if (json.length > 1024 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(json, { level: 6 }));
  }
  return reply.send(json);
}

export function pushRatingsRoute(app: FastifyInstance, store: Store, opts: PushRouteOptions = {}) {
  app.post(PUSH_RATINGS_PATH, {
    // An enrolled kiosk pushes with its credential; in demo mode a kiosk without one may too.
    config: { access: 'device-or-demo' },
    preParsing: async (request, _reply, payload) => inflateGzip(request, payload),
    handler: async (request, reply) => {
      const receivedAt = Date.now();
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        throw new ClientError(415, ERROR_CODES.unsupportedMedia, 'send the batch as application/json');
      }
      const parsed = PushRequestSchema.safeParse(request.body);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new ClientError(400, ERROR_CODES.validation, `${first.path.map(String).join('.') || 'body'}: ${first.message}`);
      }
      const device = request.device;
      if (device && parsed.data.deviceId !== device.id) {
        throw new ClientError(403, 'DEVICE_MISMATCH', 'the batch names another device than its credential');
      }
      const results = await ingestRatings(store, parsed.data, receivedAt, device?.windowId);
      opts.afterCommit?.();
      const response: PushResponse = { serverTime: Date.now(), results };
      return sendMaybeGzipped(request, reply, response);
    },
  });
}
