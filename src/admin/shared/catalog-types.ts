import { apiRequest } from '../../account/api-client';
import { ADMIN_PREFIX } from '../../domain/admin-api';
import type { AdminCatalog, CatalogUnit, CatalogWindow, ServiceItem } from '../../domain/catalog';

// What GET /api/v1/admin/catalog answers (sync-server/routes/admin-catalog.ts), as the admin screens read it.
export type { AdminCatalog };
export type AdminUnit = CatalogUnit;
export type AdminWindow = CatalogWindow;
export type AdminStaff = AdminCatalog['staff'][number];
export type AdminServiceItem = ServiceItem;

/** Windows in the order the hall shows them: by sort order, then number. */
export function windowsOf(catalog: AdminCatalog, unitId: string): AdminWindow[] {
  return catalog.windows
    .filter((w) => w.unitId === unitId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.number.localeCompare(b.number, undefined, { numeric: true }));
}

export const ADMIN_CATALOG_PATH = `${ADMIN_PREFIX}/catalog`;

/**
 * The whole catalogue (units, windows, staff, reasons, service items), fetched fresh: the admin screens work
 * online only, and every change reloads it so each table shows what the server now holds.
 */
export const loadCatalog = () => apiRequest<AdminCatalog>('GET', ADMIN_CATALOG_PATH);
