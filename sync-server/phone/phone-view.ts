import type { Catalog } from '../../src/domain/catalog';
import { maskCaseNo } from '../../src/domain/rating-invitation';
import { PHONE_PAGE_PREFIX, type RatingLink, type RatingLinkKind } from '../../src/domain/rating-link';
import type { ServiceCase } from '../../src/domain/service-case';
import { ClientError } from '../errors';
import type { StoredRatingLink } from '../store/rating-link-rows';
import type { Store } from '../store/store';

/** A link with what it rates, read fresh: a 办件 moved to another window by its business system rates that one. */
export interface ResolvedLink {
  link: StoredRatingLink;
  catalog: Catalog;
  /** The 办件 of a SERVICE_CASE link. */
  serviceCase: ServiceCase | null;
  unitId: string;
  windowId: string;
}

const unknownLink = () => new ClientError(404, 'RATING_LINK_UNKNOWN', 'this rating link is not known');

/**
 * The link a token opens, or 404 RATING_LINK_UNKNOWN: the same answer for a token never made, a malformed one and
 * one whose window was retired, so a phone learns nothing from the difference.
 */
export async function resolveLink(store: Store, token: string): Promise<ResolvedLink> {
  const link = await store.findRatingLink(token);
  if (!link) throw unknownLink();
  const catalog = await store.loadCatalog();
  const serviceCase = link.serviceCaseId === null ? null : await store.getServiceCase(link.serviceCaseId);
  if (link.kind === 'SERVICE_CASE' && !serviceCase) throw unknownLink();
  const windowId = serviceCase?.windowId ?? link.windowId;
  const window = catalog.windows.find((w) => w.id === windowId);
  if (!window || (link.kind === 'WINDOW' && !window.active)) throw unknownLink();
  return { link, catalog, serviceCase, unitId: serviceCase?.unitId ?? link.unitId, windowId };
}

/** What the phone page and the receipt show of a link: unit, window, service item, masked 办件编号. */
export function linkFacts(catalog: Catalog, at: { unitId: string; windowId: string; serviceCase: ServiceCase | null }) {
  const unit = catalog.units.find((u) => u.id === at.unitId)!;
  const window = catalog.windows.find((w) => w.id === at.windowId)!;
  const item = at.serviceCase ? catalog.serviceItems.find((s) => s.id === at.serviceCase!.serviceItemId) : undefined;
  return {
    unitName: unit.name,
    windowNumber: window.number,
    windowName: window.name,
    serviceItemName: item?.name ?? null,
    caseNoMasked: at.serviceCase ? maskCaseNo(at.serviceCase.caseNo) : null,
  };
}

export function ratingLinkAnswer(kind: RatingLinkKind, token: string, catalog: Catalog, at: { unitId: string; windowId: string; serviceCase: ServiceCase | null }): RatingLink {
  return { kind, token, path: `${PHONE_PAGE_PREFIX}${token}`, ...linkFacts(catalog, at) };
}

/** The reasons a bad level offers, in the administrator's order; retired ones are not offered any more. */
export const activeReasons = (catalog: Catalog) =>
  catalog.reasons
    .filter((r) => r.active)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((r) => ({ key: r.key, label: r.label }));
