import type { FastifyInstance } from 'fastify';
import type { Health } from '../../src/domain/sync-api';
import { HEALTH_PATH } from '../../src/domain/sync-constants';

export function healthRoute(app: FastifyInstance, version: string, demo: boolean) {
  app.get(HEALTH_PATH, { config: { access: 'public' } }, async (_req, reply): Promise<Health> => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', serverTime: Date.now(), version, mode: demo ? 'demo' : 'production' };
  });
}
