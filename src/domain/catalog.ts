import type { LocalizedText } from './locales';
import type { Reason } from './reasons';
import type { Role } from './roles';

/** The hall as the administrator keeps it; the server stores it and the admin screens edit it. */
export interface CatalogUnit {
  id: string;
  name: LocalizedText;
  active: boolean;
  /** 行政区划代码 (6 or 12 digits) the national and provincial exports carry; absent until the administrator sets it. */
  divisionCode?: string;
  /** Public disclosure (issue 16) switched on by the administrator; absent = off, a real hall's default. */
  disclosure?: boolean;
  /** The public page names this unit's staff by window and 工号; absent = off. */
  disclosureNamesStaff?: boolean;
}
export interface CatalogWindow {
  id: string;
  unitId: string;
  number: string;
  name: LocalizedText;
  sortOrder: number;
  active: boolean;
}
export interface CatalogStaff {
  id: string;
  name: string;
  employeeNo: string;
  unitId: string;
  windowId: string | null;
  roles: Role[];
  active: boolean;
  /** Set when a photo is stored; the URL carries it so caches notice a new photo. */
  photoUpdatedAt: number | null;
}
export interface ServiceItem {
  id: string;
  code: string;
  unitId: string;
  name: LocalizedText;
  sortOrder: number;
  active: boolean;
}
export interface Catalog {
  units: CatalogUnit[];
  windows: CatalogWindow[];
  staff: CatalogStaff[];
  reasons: Reason[];
  serviceItems: ServiceItem[];
}

/** What GET /api/v1/admin/catalog answers: the catalogue with each person's photo URL. */
export interface AdminCatalog extends Omit<Catalog, 'staff'> {
  staff: (CatalogStaff & { photoUrl: string | null })[];
}
