import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RatingRecordSchema, type RatingRecord } from '../../src/domain/rating';
import type { ItemRefusal } from '../../src/domain/error-codes';
import { API } from '../../src/domain/endpoints';
import type { Access } from '../auth/access';
import { registerBatchRoute } from '../batch-route';
import { ingestRecords } from '../ingest';
import type { CaseNotifier } from '../live/case-notifier';
import type { Catalog, Store } from '../store/store';

export interface PushRouteOptions {
  /** Called after the batch is committed and before the answer leaves: the test hook's window. */
  afterCommit?: () => void;
}

export type ItemCheck = (record: RatingRecord, request: FastifyRequest, catalog: Catalog) => ItemRefusal | null;

/**
 * A route taking ratings: kiosks push to one (with their device credential), staff typing in paper forms to
 * another (with their session). Each record is checked against the catalogue and the route's own rule.
 */
export function registerRatingsRoute(
  app: FastifyInstance,
  store: Store,
  notifier: CaseNotifier,
  route: { path: string; access: Access; check: ItemCheck; prepare?: (record: RatingRecord) => RatingRecord },
  opts: PushRouteOptions = {},
) {
  registerBatchRoute(app, {
    path: route.path,
    access: route.access,
    itemSchema: RatingRecordSchema,
    afterCommit: opts.afterCommit,
    apply: async (items, { request, deviceId, sentAt, receivedAt }) => {
      const device = request.device;
      const outcomes = await ingestRecords(
        store,
        items.map((i) => i.value),
        { deviceId, sentAt, receivedAt },
        { deviceWindowIds: device ? await store.deviceWindowIds(device.id) : undefined, check: (r, catalog) => route.check(r, request, catalog), prepare: route.prepare, notifier },
      );
      return { outcomes };
    },
  });
}

// A paper form is typed in by a signed-in person and goes through their session, never a kiosk credential.
const kioskItemCheck: ItemCheck = (r) =>
  r.channel === 'PAPER' ? { code: 'PAPER_NEEDS_SIGN_IN', message: 'paper forms are sent by the signed-in person who typed them in' } : null;

export function pushRatingsRoute(app: FastifyInstance, store: Store, notifier: CaseNotifier, opts: PushRouteOptions = {}) {
  // An enrolled kiosk pushes with its credential; in demo mode a kiosk without one may too.
  registerRatingsRoute(app, store, notifier, { path: API.pushRatings.path, access: 'device-or-demo', check: kioskItemCheck }, opts);
}
