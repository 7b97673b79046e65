import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { UuidV7Schema } from '../../src/domain/base-schemas';
import { MAX_PAPER_PHOTO_BYTES, type DuplicateMatch } from '../../src/domain/paper-api';
import { paperEntryRefusal, PAPER_REFUSALS } from '../../src/domain/paper-check';
import type { RatingRecord } from '../../src/domain/rating';
import type { ItemRefusal } from '../../src/domain/error-codes';
import { audit } from '../auth/audit';
import { SignInLimiter } from '../auth/sign-in-limiter';
import { ClientError } from '../errors';
import { contentTypeOf, isImageOfType, isPhotoType, PHOTO_TYPES } from '../image-check';
import type { CaseNotifier } from '../live/case-notifier';
import type { Catalog, Store } from '../store/store';
import { parseOr400 } from '../validate';
import { paperCheckRoutes } from './paper-checks';
import { registerRatingsRoute } from './push-ratings';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';


/**
 * A paper item must be PAPER, typed in by the person sending it, for their own window (never rating themselves),
 * naming what the unit has.
 */
function paperCheck(record: RatingRecord, request: FastifyRequest, catalog: Catalog): ItemRefusal | null {
  const actor = request.actor!;
  if (record.channel !== 'PAPER' || !record.paper) return { code: 'NOT_PAPER', message: 'this route takes paper forms only' };
  if (record.paper.enteredBy !== actor.id) return { code: 'ENTERED_BY_MISMATCH', message: 'a paper form is sent by the person who typed it in' };
  if (record.unitId !== actor.unitId) return { code: 'WRONG_UNIT', message: 'a paper form of another unit' };
  const refusal = paperEntryRefusal(actor, record);
  if (refusal === PAPER_REFUSALS.notYourWindow) return { code: refusal, message: 'a paper form is typed in for your own window only' };
  if (refusal) return { code: refusal, message: 'a paper form may not rate the person typing it in' };
  const item = catalog.serviceItems.find((i) => i.id === record.paper!.serviceItemId);
  if (!item || item.unitId !== record.unitId) return { code: 'UNKNOWN_SERVICE_ITEM', message: `service item ${record.paper.serviceItemId} is unknown in this unit` };
  return null;
}

/**
 * The checker is recorded by the checker's own confirmation (paper-checks.ts), never by the typist. A record
 * naming one (queued by a tablet before this rule) is still taken, without the claim: it waits for its check.
 */
function dropCheckerClaim(record: RatingRecord): RatingRecord {
  if (record.paper?.checkedBy === undefined) return record;
  const { checkedBy: _claim, ...paper } = record.paper;
  return { ...record, paper };
}

/**
 * Duplicate checks per person: each one compares a guessed phone number with the stored evaluators, so many of
 * them would be a way to confirm who left a review. A clerk types a form in well over 20 s.
 */
export const DUPLICATE_CHECK_LIMIT = { max: 30, windowMs: 10 * 60_000 };

/** Attachment 1 typed in at the window: the records, their photos apart, the duplicate check and the check (复核). */
export function paperRoutes(app: FastifyInstance, store: Store, notifier: CaseNotifier) {
  registerRatingsRoute(app, store, notifier, { path: API.pushPaper.path, access: 'paper.enter', check: paperCheck, prepare: dropCheckerClaim });
  paperCheckRoutes(app, store, notifier);

  // PUT: the photo of one rating, idempotent; it may only follow the record, so a 404 means "send it later".
  route(app, API.paperPhoto, { config: { access: 'paper.enter' }, bodyLimit: MAX_PAPER_PHOTO_BYTES }, async (request) => {
    const { id } = parseOr400(z.object({ id: UuidV7Schema }), request.params);
    const mime = contentTypeOf(request.headers['content-type']);
    const body = request.body;
    if (!isPhotoType(mime) || !Buffer.isBuffer(body)) throw new ClientError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the photo as ${PHOTO_TYPES.join(', ')}`);
    if (!isImageOfType(body, mime)) throw new ClientError(400, 'NOT_AN_IMAGE', `the body is not a ${mime} image`);
    const rating = await store.getRating(id);
    if (!rating || rating.paper?.enteredBy !== request.actor!.id) throw new ClientError(404, 'NOT_FOUND', 'no paper form of yours with this id (yet)');
    if (!rating.paper.hasPhoto) throw new ClientError(409, 'NO_PHOTO_EXPECTED', 'this paper form was sent without a photo');
    const outcome = await store.putRatingPhoto(id, mime, body, Date.now());
    if (outcome === 'conflict') throw new ClientError(409, 'PHOTO_CONFLICT', 'a different photo is stored for this form');
    return { id, status: outcome };
  });

  const duplicateChecks = new SignInLimiter(store, 'paper-duplicate-check', DUPLICATE_CHECK_LIMIT.max, DUPLICATE_CHECK_LIMIT.windowMs);
  route(app, API.paperDuplicates, { config: { access: 'paper.enter' } }, async (request, reply): Promise<{ matches: DuplicateMatch[] }> => {
    const actor = request.actor!;
    const input = parseOr400(API.paperDuplicates.request, request.body);
    const asked = { caseNumber: input.caseNumber, level: input.level, name: Boolean(input.contact?.name), phone: Boolean(input.contact?.phone) };
    // Every check counts, not only failures: checked and counted together.
    const wait = await duplicateChecks.take(actor.id);
    if (wait > 0) {
      await audit(store, request, 'paper.duplicate-check-limited', { type: 'window', id: actor.windowId ?? '-' }, asked);
      reply.header('retry-after', Math.ceil(wait / 1000));
      throw new ClientError(429, 'RATE_LIMITED', 'too many duplicate checks; wait a few minutes');
    }
    // Same case, level and evaluator (name and phone, both absent counting as the same): the store matches them
    // by keyed fingerprint; contact never leaves. Only the person's own window: a match on another window's form
    // would tell a clerk there who left it.
    const candidates = await store.findPaperRatings(input.caseNumber, input.level, input.contact);
    const matches = candidates.filter((r) => r.unitId === actor.unitId && actor.windowId !== null && r.windowId === actor.windowId);
    // Logged without the name or phone asked about: the log says someone checked, not whom they suspected.
    await audit(store, request, 'paper.duplicate-check', { type: 'window', id: actor.windowId ?? '-' }, { ...asked, matches: matches.length });
    reply.header('cache-control', 'no-store');
    return { matches: matches.map((r) => ({ id: r.id, ratedAt: r.ratedAt, serviceDate: r.paper?.serviceDate ?? null, enteredBy: r.paper?.enteredBy ?? null })) };
  });
}
