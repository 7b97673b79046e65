import type { FastifyInstance } from 'fastify';
import type { PaperFormConfig } from '../../src/domain/paper-api';
import type { ExportPublicKey } from '../../src/domain/unsent-export';
import type { Store } from '../store/store';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';

/** The catalogue of the signed-in person's unit, as the paper form (and its printable blank) needs it. */
export function paperConfigRoute(app: FastifyInstance, store: Store, unsentExportKey?: ExportPublicKey) {
  route(app, API.paperConfig, { config: { access: 'paper.enter' } }, async (request, reply): Promise<PaperFormConfig> => {
    const unitId = request.actor!.unitId;
    const catalog = await store.loadCatalog();
    const unit = catalog.units.find((u) => u.id === unitId)!;
    reply.header('cache-control', 'no-store');
    return {
      unit: { id: unit.id, name: unit.name },
      windows: catalog.windows.filter((w) => w.unitId === unitId && w.active).map((w) => ({ id: w.id, number: w.number, name: w.name })),
      staff: catalog.staff
        .filter((s) => s.unitId === unitId && s.active)
        .map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo, windowId: s.windowId })),
      serviceItems: catalog.serviceItems.filter((i) => i.unitId === unitId && i.active).map((i) => ({ id: i.id, code: i.code, name: i.name })),
      reasons: catalog.reasons,
      fetchedAt: Date.now(),
      ...(unsentExportKey ? { unsentExportKey } : {}) };
  });
}
