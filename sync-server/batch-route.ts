import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { PushItemsSchema, PushRequestSchema, type PushItemResult, type PushResponse } from '../src/domain/sync-api';
import { ERROR_CODES } from '../src/domain/sync-constants';
import type { Access } from './auth/access';
import { ClientError } from './errors';
import { inflateGzip, sendMaybeGzipped } from './http-gzip';
import { invalidItem, parseOr400 } from './validate';

/** The answer to one item that passed its schema; the batch route adds its position and id. */
export type ItemOutcome = Pick<PushItemResult, 'status' | 'error'>;

/** An item that passed the route's item schema, with its position in the request. */
export interface ValidItem<T> {
  index: number;
  value: T;
}

export interface BatchContext {
  request: FastifyRequest;
  deviceId: string;
  /** The device's clock when the batch left (Unix ms): with `receivedAt`, the device's clock offset. */
  sentAt: number;
  /** The server's clock when the batch arrived. */
  receivedAt: number;
}

export interface BatchApplied<X extends object> {
  /** One outcome per valid item, in the order they were given. */
  outcomes: ItemOutcome[];
  /** What the route adds to the answer beside `serverTime` and `results` (a case push: what changed). */
  answer?: X;
}

export interface BatchRouteSpec<T extends { id: string }, X extends object = object> {
  path: string;
  access: Access;
  itemSchema: z.ZodMiniType<T>;
  /**
   * Applies the valid items, all or none of their writes in one transaction (never a half-written batch), and
   * answers each: accepted, duplicate (an identical replay), conflict or invalid with its reason.
   */
  apply: (items: ValidItem<T>[], ctx: BatchContext) => Promise<BatchApplied<X>>;
  /** Called after the batch is committed and before the answer leaves: the tests' window for a lost answer. */
  afterCommit?: () => void;
}

/**
 * What the server reads: the envelope of src/domain/sync-api.ts, whose items devices before 0.2.0 (package.json
 * version 0.1.0 and earlier) still queue and send as `ratings`. Both names are read; drop `ratings` here once no
 * enrolled device reports an app version before 0.2.0 in its check-in (/admin devices list shows it).
 */
const EnvelopeSchema = z.strictObject({
  deviceId: PushRequestSchema.shape.deviceId,
  sentAt: PushRequestSchema.shape.sentAt,
  items: z.optional(PushItemsSchema),
  ratings: z.optional(PushItemsSchema),
});

function readEnvelope(body: unknown): { deviceId: string; sentAt: number; items: unknown[] } {
  const { deviceId, sentAt, items, ratings } = parseOr400(EnvelopeSchema, body);
  if (items && ratings) throw new ClientError(400, ERROR_CODES.batchItemsTwice, 'send the items once, under "items" (not also under "ratings")');
  const given = items ?? ratings;
  if (!given) throw new ClientError(400, ERROR_CODES.batchItemsMissing, 'the batch has no "items"');
  return { deviceId, sentAt, items: given };
}

/** An item's id for its answer, when it has a plausible one (an item failing its schema may have none). */
function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

/**
 * Checks each item against its schema on its own (one bad record never blocks the others), applies the valid
 * ones, and answers every item in request order. The HTTP route below and the unsent-records import share it.
 */
export async function answerItems<T extends { id: string }, X extends object>(
  items: readonly unknown[],
  itemSchema: z.ZodMiniType<T>,
  apply: (valid: ValidItem<T>[]) => Promise<BatchApplied<X>>,
): Promise<{ results: PushItemResult[]; answer?: X }> {
  const results: PushItemResult[] = new Array(items.length);
  const valid: ValidItem<T>[] = [];
  items.forEach((raw, index) => {
    const parsed = itemSchema.safeParse(raw);
    if (parsed.success) valid.push({ index, value: parsed.data });
    else results[index] = { index, id: idOf(raw), status: 'invalid', error: invalidItem(parsed.error) };
  });
  const applied: BatchApplied<X> = valid.length ? await apply(valid) : { outcomes: [] };
  valid.forEach(({ index, value }, i) => {
    const { status, error } = applied.outcomes[i];
    results[index] = error ? { index, id: value.id, status, error } : { index, id: value.id, status };
  });
  return { results, answer: applied.answer };
}

/**
 * A batch-push route: the one place where a push body is inflated from gzip (the body limit applying to the
 * inflated bytes), its envelope read, each item checked against the stream's schema on its own, the batch
 * applied, and every item answered in request order. Kiosk ratings, abandoned taps (device credential), paper
 * forms and case steps (the person's session) all come through here, so no stream can lack one of these steps.
 */
export function registerBatchRoute<T extends { id: string }, X extends object = object>(app: FastifyInstance, spec: BatchRouteSpec<T, X>) {
  app.post(spec.path, {
    config: { access: spec.access },
    preParsing: async (request, _reply, payload) => inflateGzip(request, payload),
    handler: async (request, reply) => {
      const receivedAt = Date.now();
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        throw new ClientError(415, ERROR_CODES.unsupportedMedia, 'send the batch as application/json');
      }
      const envelope = readEnvelope(request.body);
      const device = request.device;
      if (device && envelope.deviceId !== device.id) {
        throw new ClientError(403, ERROR_CODES.deviceMismatch, 'the batch names another device than its credential');
      }
      const { results, answer } = await answerItems(envelope.items, spec.itemSchema, (valid) =>
        spec.apply(valid, { request, deviceId: envelope.deviceId, sentAt: envelope.sentAt, receivedAt }),
      );
      spec.afterCommit?.();
      const response: PushResponse = { ...answer, serverTime: Date.now(), results };
      return sendMaybeGzipped(request, reply, response);
    },
  });
}
