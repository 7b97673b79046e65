import type { FastifyInstance, RouteHandlerMethod, RouteShorthandOptions } from 'fastify';
import type { Endpoint } from '../../src/domain/endpoints';

/**
 * Registers a route from its entry in the endpoint table (src/domain/endpoints.ts): the method and the path come
 * from there, never a literal here, so the table and the server cannot name a route differently.
 */
export function route(app: FastifyInstance, entry: Endpoint, options: RouteShorthandOptions, handler: RouteHandlerMethod) {
  app.route({ ...options, method: entry.method, url: entry.path, handler });
}
