import * as z from 'zod/mini';
import { en as zodEnglish } from 'zod/locales';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { KioskSettings } from '../src/domain/sync-api';
import type { ExportPublicKey } from '../src/domain/unsent-export';
import { DEFAULT_KIOSK_SETTINGS, ERROR_CODES } from '../src/domain/sync-constants';
import { enforceAccess } from './auth/access';
import { handleError, sendError } from './errors';
import { adminCalendarRoutes } from './routes/admin-calendar';
import { adminCatalogRoutes } from './routes/admin-catalog';
import { adminDeviceRoutes } from './routes/admin-devices';
import { deviceRoutes } from './routes/devices';
import { caseRoutes } from './routes/cases';
import { paperRoutes } from './routes/paper';
import { paperConfigRoute } from './routes/paper-config';
import { adminStaffRoutes } from './routes/admin-staff';
import { authRoutes } from './routes/auth';
import { healthRoute } from './routes/health';
import { kioskConfigRoute } from './routes/kiosk-config';
import { pushRatingsRoute, type PushRouteOptions } from './routes/push-ratings';
import { ratingRoutes } from './routes/ratings';
import { staffPhotoRoute } from './routes/staff-photo';
import { staticAppRoutes } from './routes/static-app';
import { PHOTO_TYPES } from './image-check';
import { securityHeaders } from './security-headers';
import type { Store } from './store/store';

export interface AppOptions {
  store: Store;
  version?: string;
  demo?: boolean;
  bodyLimitBytes?: number;
  staticDir?: string;
  kioskSettings?: KioskSettings;
  /** Public half of DATA_DIR/unsent-export.key, sent to kiosks so their unsent-records file hides contact. */
  unsentExportKey?: ExportPublicKey;
  push?: PushRouteOptions;
  fastify?: FastifyServerOptions;
}

export const APP_VERSION = '0.2.0';

// zod/mini ships without messages; the server's refusals should say what is wrong.
z.config(zodEnglish());

/** The HTTP application without listening, so tests and main share one assembly. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: opts.bodyLimitBytes ?? 2 * 1024 * 1024,
    logger: false,
    // Behind the hall's reverse proxy (if any) request.ip and the protocol come from X-Forwarded-*.
    trustProxy: process.env.TRUST_PROXY === '1',
    ...opts.fastify,
  });
  app.setErrorHandler(handleError);
  securityHeaders(app);
  // Photos (staff, paper forms) arrive as raw image bodies; each route sets its own size limit.
  app.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const demo = opts.demo ?? true;
  const kiosk = { demo, settings: opts.kioskSettings ?? DEFAULT_KIOSK_SETTINGS, unsentExportKey: opts.unsentExportKey };
  enforceAccess(app, opts.store, { demo });
  healthRoute(app, opts.version ?? APP_VERSION, demo);
  kioskConfigRoute(app, opts.store, kiosk);
  deviceRoutes(app, opts.store, kiosk);
  adminDeviceRoutes(app, opts.store);
  paperConfigRoute(app, opts.store, opts.unsentExportKey);
  paperRoutes(app, opts.store);
  caseRoutes(app, opts.store);
  adminCalendarRoutes(app, opts.store);
  pushRatingsRoute(app, opts.store, opts.push);
  authRoutes(app, opts.store);
  ratingRoutes(app, opts.store);
  staffPhotoRoute(app, opts.store);
  adminCatalogRoutes(app, opts.store);
  adminStaffRoutes(app, opts.store);
  if (opts.staticDir) await staticAppRoutes(app, opts.staticDir);
  else app.setNotFoundHandler((req, reply) => sendError(reply, 404, ERROR_CODES.notFound, `${req.method} ${req.url} does not exist`));
  return app;
}
