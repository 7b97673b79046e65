import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { ContactSchema, LevelKeySchema, UuidV7Schema } from '../../src/domain/base-schemas';
import { MAX_PAPER_PHOTO_BYTES, PAPER_PATHS, type DuplicateMatch } from '../../src/domain/paper-api';
import type { RatingRecord } from '../../src/domain/rating';
import type { ApiError } from '../../src/domain/sync-api';
import { ClientError } from '../errors';
import { contentTypeOf, isImageOfType, isPhotoType, PHOTO_TYPES } from '../image-check';
import type { Catalog, Store } from '../store/store';
import { parseOr400 } from '../validate';
import { registerPushRoute } from './push-ratings';

const DuplicateCheckSchema = z.strictObject({
  caseNumber: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  level: LevelKeySchema,
  contact: z.optional(ContactSchema),
});

/** A paper item must be PAPER, typed in by the person sending it, in their unit, naming what the unit has. */
function paperCheck(record: RatingRecord, request: FastifyRequest, catalog: Catalog): ApiError | null {
  const actor = request.actor!;
  if (record.channel !== 'PAPER' || !record.paper) return { code: 'NOT_PAPER', message: 'this route takes paper forms only' };
  if (record.paper.enteredBy !== actor.id) return { code: 'ENTERED_BY_MISMATCH', message: 'a paper form is sent by the person who typed it in' };
  if (record.unitId !== actor.unitId) return { code: 'WRONG_UNIT', message: 'a paper form of another unit' };
  const item = catalog.serviceItems.find((i) => i.id === record.paper!.serviceItemId);
  if (!item || item.unitId !== record.unitId) return { code: 'UNKNOWN_SERVICE_ITEM', message: `service item ${record.paper.serviceItemId} is unknown in this unit` };
  const checker = record.paper.checkedBy;
  if (checker && !catalog.staff.some((s) => s.id === checker && s.unitId === record.unitId)) {
    return { code: 'UNKNOWN_STAFF', message: `checker ${checker} is unknown in this unit` };
  }
  return null;
}

/** Attachment 1 typed in at the window: the records, their photos apart, and the duplicate check. */
export function paperRoutes(app: FastifyInstance, store: Store) {
  registerPushRoute(app, store, { path: PAPER_PATHS.push, access: 'paper.enter', check: paperCheck });

  // PUT: the photo of one rating, idempotent; it may only follow the record, so a 404 means "send it later".
  app.put('/api/v1/sync/paper/:id/photo', { config: { access: 'paper.enter' }, bodyLimit: MAX_PAPER_PHOTO_BYTES }, async (request) => {
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

  app.post(PAPER_PATHS.duplicates, { config: { access: 'paper.enter' } }, async (request, reply): Promise<{ matches: DuplicateMatch[] }> => {
    const input = parseOr400(DuplicateCheckSchema, request.body);
    // Same case, level and evaluator (name and phone, both absent counting as the same): the store matches them
    // by keyed fingerprint; contact never leaves.
    const candidates = await store.findPaperRatings(input.caseNumber, input.level, input.contact);
    const matches = candidates.filter((r) => r.unitId === request.actor!.unitId);
    reply.header('cache-control', 'no-store');
    return { matches: matches.map((r) => ({ id: r.id, ratedAt: r.ratedAt, serviceDate: r.paper?.serviceDate ?? null, enteredBy: r.paper?.enteredBy ?? null })) };
  });
}
