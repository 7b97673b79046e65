import type { FastifyInstance } from 'fastify';
import { ABANDONED_TAP_PATHS, abandonedTapScope, AbandonedTapSchema, type AbandonedTap, type AbandonedTapCountsResponse } from '../../src/domain/abandoned-taps';
import { PushRequestSchema, type PushItemResult, type PushResponse } from '../../src/domain/sync-api';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { inflateGzip } from './push-ratings';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

/**
 * Bad levels tapped at a kiosk and left at the reason screen: pushed like ratings (the shared envelope, one
 * answer per item, exactly once by id) but only ever counted; read back as counts per window and month by
 * leads (their window) and supervision (all windows).
 */
export function abandonedTapRoutes(app: FastifyInstance, store: Store) {
  app.post(ABANDONED_TAP_PATHS.push, {
    config: { access: 'device-or-demo' },
    preParsing: async (request, _reply, payload) => inflateGzip(request, payload),
    handler: async (request): Promise<PushResponse> => {
      const envelope = PushRequestSchema.safeParse(request.body);
      if (!envelope.success) {
        const first = envelope.error.issues[0];
        throw new ClientError(400, ERROR_CODES.validation, `${first.path.map(String).join('.') || 'body'}: ${first.message}`);
      }
      const device = request.device;
      if (device && envelope.data.deviceId !== device.id) throw new ClientError(403, 'DEVICE_MISMATCH', 'the batch names another device than its credential');
      const windows = new Set((await store.loadCatalog()).windows.map((w) => w.id));
      // A kiosk counts only for a window it was enrolled for (in demo mode without a credential: any known window).
      const allowed = device ? new Set(await store.deviceWindowIds(device.id)) : windows;
      const results: (PushItemResult | null)[] = [];
      const valid: { index: number; tap: AbandonedTap }[] = [];
      envelope.data.ratings.forEach((item, index) => {
        const parsed = AbandonedTapSchema.safeParse(item);
        const rawId = (item as { id?: unknown } | null)?.id;
        const id = typeof rawId === 'string' ? rawId : null;
        if (!parsed.success) {
          results.push({ index, id, status: 'invalid', error: { code: ERROR_CODES.validation, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } });
        } else if (!windows.has(parsed.data.windowId)) {
          results.push({ index, id, status: 'invalid', error: { code: ERROR_CODES.unknownWindow, message: `window ${parsed.data.windowId} is unknown` } });
        } else if (!allowed.has(parsed.data.windowId)) {
          results.push({ index, id, status: 'invalid', error: { code: ERROR_CODES.wrongWindow, message: `this device was never enrolled for window ${parsed.data.windowId}` } });
        } else {
          results.push(null);
          valid.push({ index, tap: parsed.data });
        }
      });
      const stored = await store.recordAbandonedTaps(valid.map((v) => v.tap));
      valid.forEach(({ index, tap }, i) => {
        const status = stored[i];
        results[index] =
          status === 'conflict'
            ? { index, id: tap.id, status, error: { code: ERROR_CODES.idConflict, message: 'this id is stored with another window or month' } }
            : { index, id: tap.id, status };
      });
      return { serverTime: Date.now(), results: results as PushItemResult[] };
    },
  });

  // Leads and supervision only: a count of their own window's citizens walking away is for those who oversee it.
  route(app, API.abandonedTapCounts, { config: { access: 'abandoned.read' } }, async (request, reply): Promise<AbandonedTapCountsResponse> => {
    const scope = abandonedTapScope(request.actor!);
    if (!scope) throw new ClientError(403, 'FORBIDDEN', 'these counts are for window leads and supervision');
    const counts = await store.abandonedTapCounts(scope);
    const seen = new Set(counts.map((c) => c.windowId));
    const windows = (await store.loadCatalog()).windows.filter((w) => seen.has(w.id)).map((w) => ({ id: w.id, number: w.number }));
    reply.header('cache-control', 'no-store');
    return { counts, windows };
  });
}
