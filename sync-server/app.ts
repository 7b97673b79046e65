import * as z from 'zod/mini';
import { en as zodEnglish } from 'zod/locales';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { KioskSettings } from '../src/domain/sync-api';
import { DEFAULT_KIOSK_SETTINGS, ERROR_CODES } from '../src/domain/sync-constants';
import { handleError, sendError } from './errors';
import { healthRoute } from './routes/health';
import { kioskConfigRoute } from './routes/kiosk-config';
import { pushRatingsRoute, type PushRouteOptions } from './routes/push-ratings';
import { staticAppRoutes } from './routes/static-app';
import type { Store } from './store/store';

export interface AppOptions {
  store: Store;
  version?: string;
  demo?: boolean;
  bodyLimitBytes?: number;
  staticDir?: string;
  kioskSettings?: KioskSettings;
  push?: PushRouteOptions;
  fastify?: FastifyServerOptions;
}

export const APP_VERSION = '0.1.0';

// zod/mini ships without messages; the server's refusals should say what is wrong.
z.config(zodEnglish());

/** The HTTP application without listening, so tests and main share one assembly. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: opts.bodyLimitBytes ?? 2 * 1024 * 1024,
    logger: false,
    ...opts.fastify,
  });
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });
  healthRoute(app, opts.version ?? APP_VERSION);
  kioskConfigRoute(app, opts.store, { demo: opts.demo ?? true, settings: opts.kioskSettings ?? DEFAULT_KIOSK_SETTINGS });
  pushRatingsRoute(app, opts.store, opts.push);
  if (opts.staticDir) await staticAppRoutes(app, opts.staticDir);
  else app.setNotFoundHandler((req, reply) => sendError(reply, 404, ERROR_CODES.notFound, `${req.method} ${req.url} does not exist`));
  return app;
}
