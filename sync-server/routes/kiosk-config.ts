import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CatalogIdSchema } from '../../src/domain/base-schemas';
import type { KioskConfig, KioskSettings, StaffCard } from '../../src/domain/sync-api';
import { ERROR_CODES, KIOSK_CONFIG_PATH } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import type { CatalogStaff, Store } from '../store/store';
import { staffPhotoUrl } from './staff-photo';

const QuerySchema = z.object({ window: z.optional(CatalogIdSchema) });

const card = (s: CatalogStaff): StaffCard => ({ id: s.id, name: s.name, employeeNo: s.employeeNo, photoUrl: staffPhotoUrl(s) });

/** What a kiosk needs to work offline: its window, the staff roster and card, the reason list and its settings. */
export function kioskConfigRoute(app: FastifyInstance, store: Store, opts: { demo: boolean; settings: KioskSettings }) {
  app.get(KIOSK_CONFIG_PATH, { config: { access: 'public' } }, async (req, reply): Promise<KioskConfig> => {
    const query = QuerySchema.safeParse(req.query);
    if (!query.success) throw new ClientError(400, ERROR_CODES.validation, 'window must be a window identifier');
    const catalog = await store.loadCatalog();
    if (query.data.window === undefined && !opts.demo) throw new ClientError(400, ERROR_CODES.windowRequired, 'name the window this kiosk serves');
    const window = query.data.window === undefined ? catalog.windows.find((w) => w.active) : catalog.windows.find((w) => w.id === query.data.window);
    if (!window) throw new ClientError(404, ERROR_CODES.unknownWindow, `window ${query.data.window ?? ''} does not exist`);
    const unit = catalog.units.find((u) => u.id === window.unitId)!;
    const roster = catalog.staff.filter((s) => s.windowId === window.id && s.active);
    reply.header('cache-control', 'no-store');
    return {
      demo: opts.demo,
      unit: { id: unit.id, name: unit.name },
      window: { id: window.id, number: window.number, name: window.name },
      // Until staff sign on at the kiosk (device enrolment), the window's first staff member is the one on duty.
      staffOnDuty: roster[0] ? card(roster[0]) : null,
      roster: roster.map(card),
      reasons: catalog.reasons,
      settings: opts.settings,
      fetchedAt: Date.now(),
    };
  });
}
