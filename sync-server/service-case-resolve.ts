import type { Catalog } from '../src/domain/catalog';
import type { ItemRefusal } from '../src/domain/error-codes';
import { ServiceCaseInputSchema, type ServiceCaseFields, type ServiceCaseInput, type ServiceCaseSource } from '../src/domain/service-case';
import { invalidItem } from './validate';

/**
 * A 办件 as a business system (or an export file) names it, by its codes, turned into the ids of one unit's
 * catalogue. Everything is looked up within `unitId` (the token's unit): a code of another unit is unknown here,
 * and an id of another unit's window or person is refused as WRONG_UNIT, so no writer reaches another unit.
 * Retired items, windows and people are still found: a 办件 may be reported after they were retired.
 */
export function resolveServiceCase(catalog: Catalog, unitId: string, input: ServiceCaseInput, source: ServiceCaseSource): ServiceCaseFields | ItemRefusal {
  const item = catalog.serviceItems.find((s) => s.unitId === unitId && s.code === input.serviceItemCode);
  if (!item) return { code: 'UNKNOWN_SERVICE_ITEM', message: `no service item with code ${input.serviceItemCode} in unit ${unitId}` };

  let windowId: string;
  if (input.windowId !== undefined) {
    const window = catalog.windows.find((w) => w.id === input.windowId);
    if (!window) return { code: 'UNKNOWN_WINDOW', message: `window ${input.windowId} does not exist` };
    if (window.unitId !== unitId) return { code: 'WRONG_UNIT', message: `window ${input.windowId} belongs to another unit` };
    windowId = window.id;
  } else {
    // Numbers are unique among a unit's active windows; a retired window keeps its number for old 办件.
    const numbered = catalog.windows.filter((w) => w.unitId === unitId && w.number === input.windowNumber);
    const window = numbered.find((w) => w.active) ?? numbered[0];
    if (!window) return { code: 'UNKNOWN_WINDOW', message: `no window numbered ${input.windowNumber} in unit ${unitId}` };
    windowId = window.id;
  }

  let staffId: string | null = null;
  if (input.employeeNo !== undefined || (input.staffId !== undefined && input.staffId !== null)) {
    const person = input.employeeNo !== undefined ? catalog.staff.find((s) => s.employeeNo === input.employeeNo) : catalog.staff.find((s) => s.id === input.staffId);
    const named = input.employeeNo !== undefined ? `工号 ${input.employeeNo}` : `staff ${input.staffId}`;
    if (!person) return { code: 'UNKNOWN_STAFF', message: `no ${named}` };
    if (person.unitId !== unitId) return { code: 'WRONG_UNIT', message: `${named} belongs to another unit` };
    staffId = person.id;
  }

  return {
    caseNo: input.caseNo,
    serviceItemId: item.id,
    unitId,
    windowId,
    staffId,
    applicantType: input.applicantType,
    acceptedAt: input.acceptedAt,
    finishedAt: input.finishedAt ?? null,
    status: input.status,
    source,
  };
}

export const isRefusal = (r: ServiceCaseFields | ItemRefusal): r is ItemRefusal => 'code' in r && 'message' in r;

/** What serviceCaseFieldsFrom makes of one item: the store's fields, or its refusal (with the 办件编号 when it was read). */
export type ServiceCaseItemVerdict = { ok: true; fields: ServiceCaseFields } | { ok: false; error: ItemRefusal; caseNo?: string };

/**
 * One 办件 as a writer gives it (the API's item, an import file's row), checked against the input schema and then
 * resolved in `unitId`. The API and the import command both go through here, so a file is held to exactly the
 * rules of the business-system API.
 */
export function serviceCaseFieldsFrom(catalog: Catalog, unitId: string, raw: unknown, source: ServiceCaseSource): ServiceCaseItemVerdict {
  const parsed = ServiceCaseInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: invalidItem(parsed.error) };
  const resolved = resolveServiceCase(catalog, unitId, parsed.data, source);
  return isRefusal(resolved) ? { ok: false, error: resolved, caseNo: parsed.data.caseNo } : { ok: true, fields: resolved };
}
