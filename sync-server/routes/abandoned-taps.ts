import type { FastifyInstance } from 'fastify';
import { abandonedTapScope, AbandonedTapSchema, type AbandonedTapCountsResponse } from '../../src/domain/abandoned-taps';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { registerBatchRoute, type ItemOutcome } from '../batch-route';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

/**
 * Bad levels tapped at a kiosk and left at the reason screen: pushed like ratings (the shared envelope, one
 * answer per item, exactly once by id) but only ever counted; read back as counts per window and month by
 * leads (their window) and supervision (all windows).
 */
export function abandonedTapRoutes(app: FastifyInstance, store: Store) {
  registerBatchRoute(app, {
    path: API.pushAbandonedTaps.path,
    access: 'device-or-demo',
    itemSchema: AbandonedTapSchema,
    apply: async (items, { request }) => {
      const device = request.device;
      const windows = new Set((await store.loadCatalog()).windows.map((w) => w.id));
      // A kiosk counts only for a window it was enrolled for (in demo mode without a credential: any known window).
      const allowed = device ? new Set(await store.deviceWindowIds(device.id)) : windows;
      const outcomes: (ItemOutcome | null)[] = items.map(({ value }) =>
        !windows.has(value.windowId)
          ? { status: 'invalid', error: { code: ERROR_CODES.unknownWindow, message: `window ${value.windowId} is unknown` } }
          : !allowed.has(value.windowId)
            ? { status: 'invalid', error: { code: ERROR_CODES.wrongWindow, message: `this device was never enrolled for window ${value.windowId}` } }
            : null,
      );
      const valid = items.flatMap(({ value }, i) => (outcomes[i] === null ? [{ i, tap: value }] : []));
      const stored = await store.recordAbandonedTaps(valid.map((v) => v.tap));
      valid.forEach(({ i }, k) => {
        const status = stored[k];
        outcomes[i] = status === 'conflict' ? { status, error: { code: ERROR_CODES.idConflict, message: 'this id is stored with another window or month' } } : { status };
      });
      return { outcomes: outcomes as ItemOutcome[] };
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
