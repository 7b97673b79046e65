import type { FastifyInstance } from 'fastify';
import type { CatalogStaff, CatalogWindow } from '../../src/domain/catalog';
import type { KioskConfig, KioskSettings, StaffCard } from '../../src/domain/sync-api';
import type { ExportPublicKey } from '../../src/domain/unsent-export';
import { ERROR_CODES } from '../../src/domain/sync-constants';
import { ClientError } from '../errors';
import type { Store } from '../store/store';
import { sendMaybeGzipped } from '../http-gzip';
import { staffPhotoUrl } from './staff-photo';
import { API } from '../../src/domain/endpoints';
import { route } from './endpoint';


export interface KioskConfigOptions {
  demo: boolean;
  settings: KioskSettings;
  unsentExportKey?: ExportPublicKey;
}

const card = (s: CatalogStaff, pinHash?: string | null): StaffCard => ({
  id: s.id,
  name: s.name,
  employeeNo: s.employeeNo,
  photoUrl: staffPhotoUrl(s),
  ...(pinHash !== undefined ? { pinHash } : {}) });

/**
 * What a kiosk needs to work offline: its window, the roster (with PIN hashes for going on duty), the reasons,
 * its settings, and the catalogue version it reflects.
 */
export async function buildKioskConfig(store: Store, window: CatalogWindow, opts: KioskConfigOptions): Promise<KioskConfig> {
  const [catalog, version] = await Promise.all([store.loadCatalog(), store.catalogVersion()]);
  const unit = catalog.units.find((u) => u.id === window.unitId)!;
  const roster = catalog.staff.filter((s) => s.windowId === window.id && s.active);
  const pins = await store.pinHashes(roster.map((s) => s.id));
  return {
    demo: opts.demo,
    unit: { id: unit.id, name: unit.name },
    window: { id: window.id, number: window.number, name: window.name },
    // In demo mode the window's first staff member serves until someone signs on; a real hall starts with nobody.
    staffOnDuty: opts.demo && roster[0] ? card(roster[0]) : null,
    roster: roster.map((s) => card(s, pins.get(s.id) ?? null)),
    reasons: catalog.reasons,
    settings: opts.settings,
    fetchedAt: Date.now(),
    version,
    ...(opts.unsentExportKey ? { unsentExportKey: opts.unsentExportKey } : {}) };
}

export async function windowOr404(store: Store, windowId: string | undefined): Promise<CatalogWindow> {
  const windows = (await store.loadCatalog()).windows;
  const window = windowId === undefined ? windows.find((w) => w.active) : windows.find((w) => w.id === windowId);
  if (!window) throw new ClientError(404, ERROR_CODES.unknownWindow, `window ${windowId ?? ''} does not exist`);
  return window;
}

export function kioskConfigRoute(app: FastifyInstance, store: Store, opts: KioskConfigOptions) {
  route(app, API.kioskConfig, { config: { access: 'device-or-demo' } }, async (req, reply) => {
    const query = API.kioskConfig.query.safeParse(req.query);
    if (!query.success) throw new ClientError(400, ERROR_CODES.validation, 'window must be a window identifier');
    const wanted = query.data.window;
    // An enrolled kiosk is bound to its window; it may not read another's roster.
    if (req.device && wanted !== undefined && wanted !== req.device.windowId) {
      throw new ClientError(403, ERROR_CODES.wrongWindow, 'this device is enrolled for another window');
    }
    const window = await windowOr404(store, req.device?.windowId ?? wanted);
    // The kiosk paints only once it has this (roster, reasons): gzipped, it arrives sooner (no-store is set there).
    return sendMaybeGzipped(req, reply, await buildKioskConfig(store, window, opts));
  });
}
