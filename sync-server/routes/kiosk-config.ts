import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CatalogIdSchema } from '../../src/domain/base-schemas';
import type { KioskConfig, KioskSettings } from '../../src/domain/sync-api';
import { ERROR_CODES, KIOSK_CONFIG_PATH } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import type { Store } from '../store/store';

const QuerySchema = z.object({ window: z.optional(CatalogIdSchema) });

/** What a kiosk needs to work offline: its window, the staff card, the reason list and its settings. */
export function kioskConfigRoute(app: FastifyInstance, store: Store, opts: { demo: boolean; settings: KioskSettings }) {
  app.get(KIOSK_CONFIG_PATH, async (req, reply): Promise<KioskConfig> => {
    const query = QuerySchema.safeParse(req.query);
    if (!query.success) throw new ClientError(400, ERROR_CODES.validation, 'window must be a window identifier');
    const catalog = await store.loadCatalog();
    if (query.data.window === undefined && !opts.demo) throw new ClientError(400, ERROR_CODES.windowRequired, 'name the window this kiosk serves');
    const window = query.data.window === undefined ? catalog.windows[0] : catalog.windows.find((w) => w.id === query.data.window);
    if (!window) throw new ClientError(404, ERROR_CODES.unknownWindow, `window ${query.data.window ?? ''} does not exist`);
    const unit = catalog.units.find((u) => u.id === window.unitId)!;
    // Until staff sign on at the kiosk, the window's first staff member is the one on duty.
    const onDuty = catalog.staff.find((s) => s.windowId === window.id) ?? null;
    reply.header('cache-control', 'no-store');
    return {
      demo: opts.demo,
      unit: { id: unit.id, name: unit.name },
      window: { id: window.id, number: window.number, name: window.name },
      staffOnDuty: onDuty && { id: onDuty.id, name: onDuty.name, employeeNo: onDuty.employeeNo, photoUrl: onDuty.photoUrl },
      reasons: catalog.reasons,
      settings: opts.settings,
      fetchedAt: Date.now(),
    };
  });
}
