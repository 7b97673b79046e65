import type { FastifyInstance } from 'fastify';
import { API } from '../../src/domain/endpoints';
import type { Bulletin, BulletinScope } from '../../src/domain/figures/bulletin-api';
import { reportScope } from '../../src/domain/roles';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { ClientError } from '../errors';
import { buildBulletin } from '../figures/bulletin-report';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

/**
 * GET the quarterly bulletin (issue 15): `reports.read`, scoped by reportScope: the office, supervision and personnel
 * any unit or all; a lead their own window only (another unit answers 404 like an absent one).
 */
export function bulletinRoutes(app: FastifyInstance, store: Store, settings?: AssessmentSettings) {
  route(app, API.bulletin, { config: { access: 'reports.read' } }, async (request, reply): Promise<Bulletin> => {
    const { quarter, unitId } = parseOr400(API.bulletin.query, request.query);
    const allowed = reportScope(request.actor!);
    if (!allowed) throw new ClientError(403, 'FORBIDDEN', 'no figures are in your scope');
    const catalog = await store.loadCatalog();
    let scope: BulletinScope;
    if (allowed.kind === 'window') {
      const unitOfWindow = catalog.windows.find((w) => w.id === allowed.windowId)?.unitId ?? allowed.unitId;
      if (unitId !== undefined && unitId !== unitOfWindow) throw new ClientError(404, 'NOT_FOUND', 'no such unit in your scope');
      scope = { kind: 'window', unitId: unitOfWindow, windowId: allowed.windowId };
    } else if (unitId !== undefined) {
      if (!catalog.units.some((u) => u.id === unitId)) throw new ClientError(404, 'NOT_FOUND', 'no such unit');
      scope = { kind: 'unit', unitId, windowId: null };
    } else scope = { kind: 'all', unitId: null, windowId: null };
    const bulletin = await buildBulletin(store, quarter, scope, Date.now(), settings);
    reply.header('cache-control', 'no-store');
    return bulletin;
  });
}
