import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { UuidV7Schema } from '../../src/domain/base-schemas';
import type { ContactReveal, RatingListItem, RatingListResponse } from '../../src/domain/ratings-api';
import { mayRevealContact, ratingScope, type Actor } from '../../src/domain/roles';
import { scrubText } from '../../src/domain/scrub';
import { audit } from '../auth/audit';
import { ClientError } from '../errors';
import type { StoredRating, Store } from '../store/store';
import { parseOr400 } from '../validate';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';


/** A rating as a list shows it: contact masked, phone and ID numbers in free text masked too. */
export function toListItem(r: StoredRating, actor: Actor): RatingListItem {
  return {
    id: r.id,
    level: r.level,
    reasons: r.reasons,
    otherReason: r.otherReason && scrubText(r.otherReason),
    comment: r.comment && scrubText(r.comment),
    channel: r.channel,
    unitId: r.unitId,
    windowId: r.windowId,
    staffId: r.staffId,
    ratedAt: r.ratedAt,
    receivedAt: r.receivedAt,
    contact: r.contact,
    canReveal: r.contact !== null && mayRevealContact(actor, r),
    paper: r.paper && { serviceItemId: r.paper.serviceItemId, serviceDate: r.paper.serviceDate, hasPhoto: r.paper.hasPhoto, canSeePhoto: r.paper.hasPhoto && mayRevealContact(actor, r) } };
}

export function ratingRoutes(app: FastifyInstance, store: Store) {
  route(app, API.ratings, { config: { access: 'ratings.read' } }, async (request, reply): Promise<RatingListResponse> => {
    const actor = request.actor!;
    const { before, limit = 100 } = parseOr400(API.ratings.query, request.query);
    const scope = ratingScope(actor);
    if (!scope) throw new ClientError(403, 'FORBIDDEN', 'no ratings are in your scope');
    const rows = await store.listRatingsInScope(scope, { before, limit });
    const [catalog, reviews] = await Promise.all([store.loadCatalog(), store.getRatingReviews(rows.map((r) => r.id))]);
    // Supervision's marks show in the list: an INVALID rating is kept, visibly left out of the figures.
    const reviewOf = new Map(reviews.map((r) => [r.ratingId, r]));
    const windowIds = new Set(rows.map((r) => r.windowId));
    const staffIds = new Set(rows.map((r) => r.staffId));
    reply.header('cache-control', 'no-store');
    return {
      items: rows.map((r) => {
        const item = toListItem(r, actor);
        const review = reviewOf.get(r.id);
        return review ? { ...item, review } : item;
      }),
      refs: {
        reasons: catalog.reasons,
        windows: catalog.windows.filter((w) => windowIds.has(w.id)).map((w) => ({ id: w.id, number: w.number, name: w.name })),
        staff: catalog.staff.filter((s) => staffIds.has(s.id)).map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo })) },
      nextBefore: rows.length === limit ? rows[rows.length - 1].ratedAt : null };
  });

  /** The rating named in the address, if this person may see its evaluator: one scope check for every reveal. */
  const revealableRating = async (request: FastifyRequest) => {
    const { id } = parseOr400(z.object({ id: UuidV7Schema }), request.params);
    const rating = await store.getRating(id);
    // Out of scope answers like absent: a caller learns nothing about ratings that are not theirs.
    if (!rating || !mayRevealContact(request.actor!, rating)) throw new ClientError(404, 'NOT_FOUND', 'no such rating in your scope');
    return { id, rating };
  };

  // POST, not GET: a reveal is an act that is logged, never a cacheable or prefetchable read.
  route(app, API.revealContact, { config: { access: 'contact.reveal' } }, async (request, reply) => {
    const { id, rating } = await revealableRating(request);
    const contact = await store.revealContact(id);
    if (!contact) throw new ClientError(404, 'NO_CONTACT', 'this rating was left anonymously');
    // The full comment goes with the contact (the person may call back about what it says), only when scrubbing
    // hid something from it, and the audit entry says so.
    const fullComment = await store.revealComment(id);
    const comment = fullComment !== null && fullComment !== rating.comment ? fullComment : undefined;
    await audit(store, request, 'contact.reveal', { type: 'rating', id }, { windowId: rating.windowId, staffId: rating.staffId ?? null, ...(comment ? { comment: true } : {}) });
    reply.header('cache-control', 'no-store');
    const answer: ContactReveal = { id, contact, ...(comment ? { comment } : {}) };
    return answer;
  });

  // POST: the photo of a paper form shows the evaluator's name and phone; seeing it is a logged reveal.
  route(app, API.revealRatingPhoto, { config: { access: 'contact.reveal' } }, async (request, reply) => {
    const { id, rating } = await revealableRating(request);
    const photo = await store.getRatingPhoto(id);
    if (!photo) throw new ClientError(404, 'NO_PHOTO', 'no photo of this form has arrived');
    await audit(store, request, 'photo.reveal', { type: 'rating', id }, { windowId: rating.windowId, staffId: rating.staffId ?? null });
    return reply.type(photo.mime).header('cache-control', 'no-store').send(photo.bytes);
  });

  route(app, API.audit, { config: { access: 'audit.read' } }, async (request, reply) => {
    const { before, limit = 200 } = parseOr400(API.ratings.query, request.query);
    reply.header('cache-control', 'no-store');
    const entries = await store.listAudit({ before, limit });
    return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1].seq : null };
  });
}
