import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CatalogIdSchema } from '../../src/domain/base-schemas';
import { API } from '../../src/domain/endpoints';
import type { PhonePage, RatingLink } from '../../src/domain/rating-link';
import type { Actor } from '../../src/domain/roles';
import type { ServiceCase } from '../../src/domain/service-case';
import { DEFAULT_ASSESSMENT_SETTINGS } from '../../src/domain/service-case-assessments';
import { audit } from '../auth/audit';
import { ClientError } from '../errors';
import type { CaseNotifier } from '../live/case-notifier';
import { serviceCaseLinkState } from '../phone/link-state';
import { phoneRatingHandler, type PhoneRatingOptions } from '../phone/phone-rating';
import { activeReasons, linkFacts, ratingLinkAnswer, resolveLink } from '../phone/phone-view';
import type { RatingLinkInput } from '../store/rating-link-rows';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

const IdParam = z.object({ id: CatalogIdSchema });
/** Any text is looked up (the store refuses what is not shaped like a token): one 404 for every unknown token. */
const TokenParam = z.object({ token: z.string().check(z.maxLength(200)) });

/** The 办件's own clerk, the lead of its window, or supervision; anyone else is told it does not exist. */
function mayLinkServiceCase(actor: Actor, sc: ServiceCase): boolean {
  if (actor.roles.includes('SUPERVISION')) return true;
  if (actor.roles.includes('LEAD') && actor.windowId === sc.windowId) return true;
  return sc.staffId === actor.id;
}

/** Makes (or finds) a link, auditing only the request that created its row. */
async function makeLink(store: Store, request: Parameters<typeof audit>[1], input: RatingLinkInput) {
  const made = await store.ratingLink(input);
  if (made.link.createdAt === input.createdAt && made.link.createdBy === input.createdBy) {
    const target = input.serviceCaseId ? { type: 'serviceCase', id: input.serviceCaseId } : { type: 'window', id: input.windowId };
    await audit(store, request, 'rating-link.create', target, { kind: input.kind });
  }
  return made.token;
}

/**
 * The phone rating page's routes (issue 14): a 办件's link for its clerk, a window's QR link for the catalogue
 * administrator, and the public page read and rating post behind `/r/<token>`.
 */
export function ratingLinkRoutes(app: FastifyInstance, store: Store, notifier: CaseNotifier, opts: PhoneRatingOptions = {}) {
  const now = opts.now ?? Date.now;
  const settings = opts.assessment ?? DEFAULT_ASSESSMENT_SETTINGS;
  const takeRating = phoneRatingHandler(store, notifier, opts);

  route(app, API.serviceCaseRatingLink, { config: { access: 'signed-in' } }, async (request, reply): Promise<RatingLink> => {
    const { id } = parseOr400(IdParam, request.params);
    const actor = request.actor!;
    const sc = await store.getServiceCase(id);
    if (!sc || !mayLinkServiceCase(actor, sc)) throw new ClientError(404, 'NOT_FOUND', `办件 ${id} does not exist`);
    const input = { kind: 'SERVICE_CASE' as const, unitId: sc.unitId, windowId: sc.windowId, serviceCaseId: sc.id, createdAt: now(), createdBy: actor.id };
    const token = await makeLink(store, request, input);
    reply.header('cache-control', 'no-store');
    return ratingLinkAnswer('SERVICE_CASE', token, await store.loadCatalog(), { unitId: sc.unitId, windowId: sc.windowId, serviceCase: sc });
  });

  route(app, API.windowRatingLink, { config: { access: 'catalog.manage' } }, async (request, reply): Promise<RatingLink> => {
    const { id } = parseOr400(IdParam, request.params);
    const catalog = await store.loadCatalog();
    const window = catalog.windows.find((w) => w.id === id);
    if (!window) throw new ClientError(404, 'NOT_FOUND', `window ${id} does not exist`);
    if (!window.active) throw new ClientError(409, 'WINDOW_INACTIVE', `window ${id} is retired: a QR posted there would rate nobody`);
    const input = { kind: 'WINDOW' as const, unitId: window.unitId, windowId: id, serviceCaseId: null, createdAt: now(), createdBy: request.actor!.id };
    const token = await makeLink(store, request, input);
    reply.header('cache-control', 'no-store');
    return ratingLinkAnswer('WINDOW', token, catalog, { unitId: window.unitId, windowId: id, serviceCase: null });
  });

  route(app, API.phonePage, { config: { access: 'public' } }, async (request, reply): Promise<PhonePage> => {
    const { token } = parseOr400(TokenParam, request.params);
    const resolved = await resolveLink(store, token);
    const at = now();
    const { state, followUpUntil } = resolved.serviceCase
      ? serviceCaseLinkState(await store.listServiceCaseRatings(resolved.serviceCase.unitId, resolved.serviceCase.caseNo), settings, at)
      : { state: 'OPEN' as const, followUpUntil: null };
    reply.header('cache-control', 'no-store');
    return {
      kind: resolved.link.kind,
      state,
      followUpUntil,
      ...linkFacts(resolved.catalog, resolved),
      reasons: activeReasons(resolved.catalog),
      serverTime: at,
    };
  });

  route(app, API.phoneRating, { config: { access: 'public' } }, async (request, reply) => {
    const { token } = parseOr400(TokenParam, request.params);
    const input = parseOr400(API.phoneRating.request, request.body);
    const resolved = await resolveLink(store, token);
    reply.header('cache-control', 'no-store');
    return takeRating(request, reply, resolved, input);
  });
}
