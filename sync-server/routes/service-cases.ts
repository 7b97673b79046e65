import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { API } from '../../src/domain/endpoints';
import { SERVICE_CASE_BATCH_MAX, type ServiceCaseFields } from '../../src/domain/service-case';
import type { ServiceCaseItemResult } from '../../src/domain/service-case-api';
import { cstDate } from '../../src/domain/time';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import { serviceCaseFieldsFrom } from '../service-case-resolve';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

const DAY_MS = 86_400_000;
/** A window's day never holds more; a lead's window list is cut here rather than paged. */
const MINE_LIMIT = 500;

/** The envelope, read before the items are judged: the count is checked first so a huge batch is refused whole. */
const EnvelopeSchema = z.strictObject({ items: z.array(z.unknown()) });

/** 办件 from the hall's business system (per-unit token), and a window person's 办件 of one day. */
export function serviceCaseRoutes(app: FastifyInstance, store: Store) {
  route(app, API.pushServiceCases, { config: { access: 'system-token' } }, async (request): Promise<{ results: ServiceCaseItemResult[] }> => {
    const at = Date.now();
    const { items } = parseOr400(EnvelopeSchema, request.body);
    if (items.length > SERVICE_CASE_BATCH_MAX) {
      throw new ClientError(413, ERROR_CODES.tooLarge, `at most ${SERVICE_CASE_BATCH_MAX} 办件 per batch (${items.length} sent): split the batch`);
    }
    if (items.length === 0) throw new ClientError(400, ERROR_CODES.batchItemsMissing, 'the batch has no items');
    const unitId = request.systemToken!.unitId;
    const catalog = await store.loadCatalog();
    const results: ServiceCaseItemResult[] = new Array(items.length);
    const valid: { index: number; fields: ServiceCaseFields }[] = [];
    items.forEach((raw, index) => {
      const caseNo = typeof (raw as { caseNo?: unknown } | null)?.caseNo === 'string' ? String((raw as { caseNo: string }).caseNo).slice(0, 64) : null;
      const verdict = serviceCaseFieldsFrom(catalog, unitId, raw, 'API');
      if (verdict.ok) valid.push({ index, fields: verdict.fields });
      else results[index] = { index, caseNo: verdict.caseNo ?? caseNo, status: 'invalid', error: verdict.error };
    });
    if (valid.length) {
      // One transaction for the batch: the business system sees every item written or, on an error, none.
      const written = await store.upsertServiceCases(
        valid.map((v) => v.fields),
        at,
      );
      valid.forEach(({ index, fields }, i) => {
        results[index] = { index, caseNo: fields.caseNo, status: written[i].outcome, id: written[i].id };
      });
    }
    // Shows the administrator which systems still send (at most one write a minute).
    await store.touchSystemToken(request.systemToken!.id, at);
    return { results };
  });

  route(app, API.myServiceCases, { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor!;
    const { day = cstDate(Date.now()) } = parseOr400(API.myServiceCases.query, request.query);
    const from = Date.parse(`${day}T00:00:00+08:00`);
    // "2026-02-31" parses as 3 March: a date that is not in the calendar is refused, not moved.
    if (!Number.isFinite(from) || cstDate(from) !== day) throw new ClientError(400, ERROR_CODES.validation, `query.day: ${day} is not a date`);
    // A lead sees the window's 办件; everyone else their own (none for a person who handles no 办件).
    const who = actor.roles.includes('LEAD') && actor.windowId ? { windowId: actor.windowId } : { staffId: actor.id };
    const serviceCases = await store.listServiceCases({ ...who, from, to: from + DAY_MS, limit: MINE_LIMIT });
    reply.header('cache-control', 'no-store');
    return { day, serviceCases };
  });
}
