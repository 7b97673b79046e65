import type { FastifyInstance, FastifyRequest, RouteHandlerMethod, RouteShorthandOptions } from 'fastify';
import type { Endpoint } from '../../src/domain/endpoints';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import { contentEncodingOf } from '../http-gzip';

/**
 * Only the batch routes inflate a body (sync-server/http-gzip.ts); these routes read it as sent. A body declared
 * deflate, br or gzip was read as plain JSON and, when it was, taken (the route fuzz found `content-encoding: br`
 * on a JSON body creating a reason): refused instead, with the code that says why.
 */
async function refuseEncodedBody(request: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) {
  const encoding = contentEncodingOf(request);
  if (encoding !== 'identity') {
    throw new ClientError(415, ERROR_CODES.unsupportedEncoding, `content-encoding ${encoding} is not accepted on this route; send the body as it is`);
  }
  return payload;
}

/**
 * Registers a route from its entry in the endpoint table (src/domain/endpoints.ts): the method and the path come
 * from there, never a literal here, so the table and the server cannot name a route differently.
 */
export function route(app: FastifyInstance, entry: Endpoint, options: RouteShorthandOptions, handler: RouteHandlerMethod) {
  app.route({ preParsing: refuseEncodedBody, ...options, method: entry.method, url: entry.path, handler });
}
