import * as z from 'zod/mini';
import { en as zodEnglish } from 'zod/locales';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { KioskSettings } from '../src/domain/sync-api';
import type { ExportPublicKey } from '../src/domain/unsent-export';
import { DEFAULT_KIOSK_SETTINGS, ERROR_CODES } from '../src/domain/sync-constants';
import { enforceAccess } from './auth/access';
import { handleError, sendError } from './errors';
import { abandonedTapRoutes } from './routes/abandoned-taps';
import { adminCalendarRoutes } from './routes/admin-calendar';
import { adminCatalogRoutes } from './routes/admin-catalog';
import { adminDeviceRoutes } from './routes/admin-devices';
import { adminSystemTokenRoutes } from './routes/admin-system-tokens';
import { adminServiceCaseImportRoute } from './routes/admin-service-case-import';
import { serviceCaseRoutes } from './routes/service-cases';
import { tabletServiceCaseRoutes } from './routes/tablet-service-cases';
import { deviceRoutes } from './routes/devices';
import { caseRoutes } from './routes/cases';
import { paperRoutes } from './routes/paper';
import { paperConfigRoute } from './routes/paper-config';
import { adminStaffRoutes } from './routes/admin-staff';
import { adminRoleGrantRoutes } from './routes/admin-role-grants';
import { authRoutes } from './routes/auth';
import { healthRoute } from './routes/health';
import { kioskConfigRoute } from './routes/kiosk-config';
import { pushRatingsRoute, type PushRouteOptions } from './routes/push-ratings';
import { ratingRoutes } from './routes/ratings';
import { ratingFlagRoutes } from './routes/rating-flags';
import { annualReportRoutes } from './routes/annual-report';
import { commentPublicationRoutes } from './routes/comment-publications';
import { reportAttachment2Route } from './routes/report-attachment2';
import { monthCloseRoutes } from './routes/month-closes';
import { rankingRoutes } from './routes/rankings';
import { DEFAULT_ASSESSMENT_SETTINGS } from '../src/domain/service-case-assessments';
import { bulletinRoutes } from './routes/bulletin';
import { staffPhotoRoute } from './routes/staff-photo';
import { staticAppRoutes } from './routes/static-app';
import { PHOTO_TYPES } from './image-check';
import { securityHeaders } from './security-headers';
import { FailureDelays } from './auth/failure-delays';
import { trustProxyFrom, type TrustProxy } from './config';
import type { Store } from './store/store';
import type { CaseRules } from '../src/domain/case-intake';
import { InProcessCaseNotifier, type CaseNotifier } from './live/case-notifier';
import { caseLiveRoute, type LiveStreamOptions } from './routes/case-live';
import { invitationRoutes, type InvitationRouteOptions } from './invitations/invitation-routes';
import { ratingLinkRoutes } from './routes/rating-links';
import type { PhoneRatingOptions } from './phone/phone-rating';
import { publicRoutes, type PublicRouteOptions } from './routes/public';

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
  /** Settings for case steps (special deadline cap, clock skew); defaults in src/domain/case-intake.ts. */
  caseRules?: Partial<CaseRules>;
  fastify?: FastifyServerOptions;
  /** Which proxies' X-Forwarded-For to believe (config.ts); read from TRUST_PROXY when left out. */
  trustProxy?: TrustProxy;
  /** The clock of the delays after failed password checks (kept in the store); tests give their own. */
  signInClock?: () => number;
  /**
   * Tells every instance that a case opened (the live case stream). Default: within this process only (one
   * instance, the tests); main.ts gives the store's own, which reaches every instance (store/postgres/pg-notify.ts,
   * store/sqlite/sqlite-notify.ts). The caller closes what it passes.
   */
  caseNotifier?: CaseNotifier;
  /** The live case stream's heartbeat and per-session limit (routes/case-live.ts); tests shorten the heartbeat. */
  live?: LiveStreamOptions;
  /** Rating invitations (一次一评): how long one stays open, how often a waiting kiosk reads again. */
  invitations?: InvitationRouteOptions;
  /** The phone rating page (routes/rating-links.ts): its clock, the 追评 period, the window-QR limits. */
  phone?: PhoneRatingOptions;
  /** /api/v1/public (routes/public.ts): its clock, how long a counted month is reused. */
  publicApi?: PublicRouteOptions;
}

export const APP_VERSION = '0.2.0';

// zod/mini ships without messages; the server's refusals should say what is wrong.
z.config(zodEnglish());

/**
 * Fastify 5 ignores a bare hop count (it cannot check the peer), so n hops is given as "the first n addresses
 * from the socket inwards are proxies": with 1, the client is the right-most X-Forwarded-For entry, the one the
 * proxy appended. A client reaching the server directly could still write that entry itself: where it can, name
 * the proxy's address instead (TRUST_PROXY=10.0.0.1).
 */
function fastifyTrustProxy(tp: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof tp === 'number') return tp > 0 ? (_address: string, hop: number) => hop < tp : false;
  return tp;
}

/** The HTTP application without listening, so tests and main share one assembly. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: opts.bodyLimitBytes ?? 2 * 1024 * 1024,
    logger: false,
    // Behind the hall's reverse proxy (if any) request.ip and the protocol come from X-Forwarded-*, believed only
    // for the configured hops or proxy addresses: sign-in delays and the audit's addresses depend on it.
    trustProxy: fastifyTrustProxy(opts.trustProxy ?? trustProxyFrom(process.env.TRUST_PROXY)),
    ...opts.fastify,
  });
  app.setErrorHandler(handleError);
  securityHeaders(app);
  // Photos (staff, paper forms) arrive as raw image bodies; each route sets its own size limit.
  app.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const demo = opts.demo ?? true;
  const kiosk = { demo, settings: opts.kioskSettings ?? DEFAULT_KIOSK_SETTINGS, unsentExportKey: opts.unsentExportKey };
  enforceAccess(app, opts.store, { demo });
  const notifier = opts.caseNotifier ?? new InProcessCaseNotifier((err) => app.log.error({ err }, 'case notice listener failed'));
  healthRoute(app, opts.version ?? APP_VERSION, demo);
  kioskConfigRoute(app, opts.store, kiosk);
  deviceRoutes(app, opts.store, kiosk);
  adminDeviceRoutes(app, opts.store);
  adminSystemTokenRoutes(app, opts.store);
  adminServiceCaseImportRoute(app, opts.store);
  serviceCaseRoutes(app, opts.store);
  tabletServiceCaseRoutes(app, opts.store);
  invitationRoutes(app, opts.store, opts.invitations);
  paperConfigRoute(app, opts.store, opts.unsentExportKey);
  paperRoutes(app, opts.store, notifier);
  caseRoutes(app, opts.store, opts.caseRules);
  caseLiveRoute(app, opts.store, notifier, opts.live);
  abandonedTapRoutes(app, opts.store);
  adminCalendarRoutes(app, opts.store);
  pushRatingsRoute(app, opts.store, notifier, opts.push);
  authRoutes(app, opts.store, new FailureDelays(opts.store, opts.signInClock));
  ratingRoutes(app, opts.store);
  ratingFlagRoutes(app, opts.store);
  annualReportRoutes(app, opts.store, opts.phone?.assessment);
  commentPublicationRoutes(app, opts.store);
  reportAttachment2Route(app, opts.store, opts.phone?.assessment);
  // The figures count 追评 with the server's FOLLOW_UP_DAYS, the setting the phone page runs with.
  monthCloseRoutes(app, opts.store, { assessment: opts.phone?.assessment });
  rankingRoutes(app, opts.store, opts.phone?.assessment ?? DEFAULT_ASSESSMENT_SETTINGS);
  bulletinRoutes(app, opts.store, opts.phone?.assessment);
  staffPhotoRoute(app, opts.store);
  adminCatalogRoutes(app, opts.store);
  adminStaffRoutes(app, opts.store);
  adminRoleGrantRoutes(app, opts.store);
  ratingLinkRoutes(app, opts.store, notifier, opts.phone);
  publicRoutes(app, opts.store, { assessment: opts.phone?.assessment, ...opts.publicApi });
  if (opts.staticDir) await staticAppRoutes(app, opts.staticDir);
  else app.setNotFoundHandler((req, reply) => sendError(reply, 404, ERROR_CODES.notFound, `${req.method} ${req.url} does not exist`));
  return app;
}
