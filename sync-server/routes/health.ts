import type { FastifyInstance } from 'fastify';
import type { Health } from '../../src/domain/sync-api';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

export function healthRoute(app: FastifyInstance, version: string, demo: boolean) {
  route(app, API.health, { config: { access: 'public' } }, async (_req, reply): Promise<Health> => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', serverTime: Date.now(), version, mode: demo ? 'demo' : 'production' };
  });
}
