import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API } from '../../src/domain/endpoints';
import { PUBLIC_MAX_AGE_SECONDS, PublicMonthParamSchema, PublicMonthQuerySchema, PublicUnitParamSchema } from '../../src/domain/public-api';
import { DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings } from '../../src/domain/service-case-assessments';
import { publicMonth, publicReviews, publicTrend, publicUnits, type PublicContext, type UnitMonth } from '../public/public-answers';
import { TtlCache } from '../public/ttl-cache';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

export interface PublicRouteOptions {
  /** The 追评 period the figures count with (FOLLOW_UP_DAYS); default 30 days. */
  assessment?: AssessmentSettings;
  now?: () => number;
  /** How long a unit's counted month is reused by this instance; default PUBLIC_FIGURES_CACHE_SECONDS. */
  figuresCacheSeconds?: number;
}

/** A unit's month is counted again at most this often per instance (clients reuse answers for max-age anyway). */
export const PUBLIC_FIGURES_CACHE_SECONDS = 60;
/** Unit-months kept: every month of a 12-month trend for ~40 units. */
const CACHED_UNIT_MONTHS = 500;

/** Whether an If-None-Match header names this ETag (a list, weak forms and * included). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * A public answer: its ETag is a hash of the body, so a client holding the same body gets 304 without it; a portal
 * or a browser may reuse it for max-age seconds.
 */
function sendCached(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
  reply.header('etag', etag).header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(text);
}

/** GET /api/v1/public/…: the disclosed units' figures, trend and published bad reviews (sync-server/public). */
export function publicRoutes(app: FastifyInstance, store: Store, opts: PublicRouteOptions = {}) {
  const now = opts.now ?? Date.now;
  const cache = new TtlCache<UnitMonth>((opts.figuresCacheSeconds ?? PUBLIC_FIGURES_CACHE_SECONDS) * 1000, CACHED_UNIT_MONTHS, now);
  const ctx: PublicContext = { store, settings: opts.assessment ?? DEFAULT_ASSESSMENT_SETTINGS, now, cache };
  // Any site may read every answer, a 404 included (a portal tells "not public" from "network down").
  const access = {
    config: { access: 'public' as const },
    onRequest: async (_request: FastifyRequest, reply: FastifyReply) => {
      reply.header('access-control-allow-origin', '*');
    },
  };

  route(app, API.publicUnits, access, async (request, reply) => sendCached(request, reply, await publicUnits(ctx)));

  route(app, API.publicMonth, access, async (request, reply) => {
    const { unitId, month } = parseOr400(PublicMonthParamSchema, request.params);
    return sendCached(request, reply, await publicMonth(ctx, unitId, month));
  });

  route(app, API.publicTrend, access, async (request, reply) => {
    const { unitId } = parseOr400(PublicUnitParamSchema, request.params);
    const { month } = parseOr400(PublicMonthQuerySchema, request.query);
    return sendCached(request, reply, await publicTrend(ctx, unitId, month));
  });

  route(app, API.publicReviews, access, async (request, reply) => {
    const { unitId } = parseOr400(PublicUnitParamSchema, request.params);
    const { month } = parseOr400(PublicMonthQuerySchema, request.query);
    return sendCached(request, reply, await publicReviews(ctx, unitId, month));
  });
}
