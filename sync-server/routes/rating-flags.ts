import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { UuidV7Schema } from '../../src/domain/base-schemas';
import { API } from '../../src/domain/endpoints';
import { FLAGGED_PERIOD_MAX_MS, type FlaggedRatingsResponse } from '../../src/domain/rating-review';
import { RatingFlagSettingsSchema } from '../../src/domain/rating-flags';
import { hasPermission, inScope, ratingScope } from '../../src/domain/roles';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { audit } from '../auth/audit';
import { tokenHash } from '../crypto/tokens';
import { ClientError } from '../errors';
import { flaggedInPeriod, flagSettings } from '../rating-flags/flagged-list';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';
import { toListItem } from './ratings';

/**
 * Anti-coercion review (issue 14): the flagged ratings of a period (leads for their window, read only; supervision
 * everything, and marks), supervision's mark (audited), the tablet a staff session is on (STAFF_SIGNED_IN's
 * source), and the administrator's flag settings.
 */
export function ratingFlagRoutes(app: FastifyInstance, store: Store) {
  route(app, API.flaggedRatings, { config: { access: 'flags.read' } }, async (request, reply): Promise<FlaggedRatingsResponse> => {
    const actor = request.actor!;
    const { from, to, limit = 100, state = 'all' } = parseOr400(API.flaggedRatings.query, request.query);
    if (to <= from || to - from > FLAGGED_PERIOD_MAX_MS) {
      throw new ClientError(400, 'PERIOD_INVALID', `the period must end after it starts and span at most ${FLAGGED_PERIOD_MAX_MS / 86_400_000} days`);
    }
    const scope = ratingScope(actor);
    if (!scope) throw new ClientError(403, 'FORBIDDEN', 'no ratings are in your scope');
    const settings = await flagSettings(store);
    const all = await flaggedInPeriod(store, scope, from, to, settings);
    const shown = state === 'open' ? all.filter((f) => f.review === null) : all;
    const page = shown.slice(0, limit);
    const [ratings, catalog] = await Promise.all([store.getRatings(page.map((f) => f.rating.id)), store.loadCatalog()]);
    const byId = new Map(ratings.map((r) => [r.id, r]));
    const items = page.flatMap((f) => {
      const stored = byId.get(f.rating.id);
      if (!stored) return [];
      const rating = toListItem(stored, actor);
      if (f.review) rating.review = f.review;
      const invitedToTapMs = f.rating.invitedAt === undefined ? null : f.rating.deviceTime - f.rating.invitedAt;
      return [{ rating, flags: f.flags, review: f.review, invitedToTapMs }];
    });
    const windowIds = new Set(items.map((i) => i.rating.windowId));
    const staffIds = new Set(items.map((i) => i.rating.staffId));
    reply.header('cache-control', 'no-store');
    return {
      items,
      refs: {
        reasons: catalog.reasons,
        windows: catalog.windows.filter((w) => windowIds.has(w.id)).map((w) => ({ id: w.id, number: w.number, name: w.name })),
        staff: catalog.staff.filter((s) => staffIds.has(s.id)).map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo })),
      },
      total: shown.length,
      canReview: hasPermission(actor, 'ratings.review'),
      settings,
    };
  });

  route(app, API.reviewRating, { config: { access: 'ratings.review' } }, async (request, reply) => {
    const actor = request.actor!;
    const { id } = parseOr400(z.object({ id: UuidV7Schema }), request.params);
    const body = parseOr400(API.reviewRating.request, request.body);
    const note = body.note ? body.note : null;
    if (body.verdict === 'INVALID' && note === null) throw new ClientError(400, 'NOTE_REQUIRED', 'say why the rating is invalid');
    const scope = ratingScope(actor);
    const rating = await store.getRating(id);
    // Out of scope answers like absent.
    if (!rating || !scope || !inScope(scope, rating)) throw new ClientError(404, 'NOT_FOUND', 'no such rating in your scope');
    const at = Date.now();
    const written = await store.putRatingReview({ ratingId: id, verdict: body.verdict, note, by: actor.id, at });
    if (!written) throw new ClientError(404, 'NOT_FOUND', 'no such rating in your scope');
    await audit(store, request, 'rating.review', { type: 'rating', id }, {
      verdict: body.verdict, note, previous: written.previous ? { verdict: written.previous.verdict, note: written.previous.note, by: written.previous.by } : null,
      windowId: rating.windowId, staffId: rating.staffId ?? null,
    });
    reply.header('cache-control', 'no-store');
    return { ratingId: id, verdict: body.verdict, note, by: actor.id, byName: actor.account.name, at };
  });

  // A staff session on a shared kiosk tablet names the tablet: the tablet's own credential (Bearer) proves which one,
  // so a rating made on it while this person is signed in is flagged STAFF_SIGNED_IN.
  route(app, API.deviceSignIn, { config: { access: 'signed-in' } }, async (request) => {
    const actor = request.actor!;
    const bearer = /^Bearer\s+(\S{20,200})$/i.exec(request.headers.authorization ?? '')?.[1];
    // Not 401: the person's session is fine (a 401 would send the app to the sign-in page); the tablet is not proven.
    if (!bearer) throw new ClientError(400, ERROR_CODES.deviceCredentialRequired, 'send the tablet credential as "Authorization: Bearer …"');
    const device = await store.findDeviceByCredential(tokenHash(bearer));
    if (!device) throw new ClientError(403, ERROR_CODES.deviceUnknown, 'this device credential is not known');
    if (device.revokedAt !== null) throw new ClientError(403, ERROR_CODES.deviceRevoked, 'an administrator has revoked this device');
    const at = Date.now();
    const { from } = await store.recordStaffSignIn({ staffId: actor.id, deviceId: device.id, tokenHash: actor.tokenHash, source: 'SESSION', at });
    // Logged once per session and tablet; a report again (the app reports at each start) only refreshes the row.
    if (from === at) await audit(store, request, 'sign-in.device', { type: 'device', id: device.id });
    return { deviceId: device.id, staffId: actor.id, from };
  });

  route(app, API.flagSettings, { config: { access: 'catalog.manage' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return flagSettings(store);
  });

  route(app, API.putFlagSettings, { config: { access: 'catalog.manage' } }, async (request) => {
    const settings = parseOr400(RatingFlagSettingsSchema, request.body);
    const before = await flagSettings(store);
    await store.putFlagSettings(settings, Date.now());
    await audit(store, request, 'rating-flags.settings', { type: 'settings', id: 'rating-flags' }, { before, after: settings });
    return settings;
  });
}
