import { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES } from '../src/domain/sync-constants';
import { ClientError } from './errors';

/** A request body's content coding, 'identity' when none is named. */
export function contentEncodingOf(request: FastifyRequest): string {
  return String(request.headers['content-encoding'] ?? '').trim().toLowerCase() || 'identity';
}

/**
 * Gzip request bodies are inflated as they stream in; Fastify's body limit then applies to the inflated bytes,
 * so a small compressed bomb is refused like any oversize body.
 */
export function inflateGzip(request: FastifyRequest, payload: NodeJS.ReadableStream) {
  const encoding = contentEncodingOf(request);
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
  return payload.pipe(counter).pipe(gunzip);
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
