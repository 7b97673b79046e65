import { RatingRecordSchema, type RatingRecord } from '../src/domain/rating';
import type { ItemRefusal } from '../src/domain/error-codes';
import type { PushItemResult, PushRequest } from '../src/domain/sync-api';
import { ERROR_CODES } from '../src/domain/sync-constants';
import { payloadHash } from './canonical';
import { invalidItem } from './validate';
import type { Catalog, CatalogStaff, IngestBatch, PreparedRating, Store } from './store/store';

/** The catalogue facts an item is checked against, loaded once per request. */
export interface CatalogIndex {
  windowUnit: Map<string, string>;
  staffUnit: Map<string, string>;
  reasonKeys: Set<string>;
  staff: Map<string, CatalogStaff>;
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  return {
    windowUnit: new Map(catalog.windows.map((w) => [w.id, w.unitId])),
    staffUnit: new Map(catalog.staff.map((s) => [s.id, s.unitId])),
    // Retired reasons stay known: records queued before retirement must still be accepted.
    reasonKeys: new Set(catalog.reasons.map((r) => r.key)),
    staff: new Map(catalog.staff.map((s) => [s.id, s])),
  };
}


function checkCatalog(r: RatingRecord, deviceId: string, idx: CatalogIndex, deviceWindowIds?: readonly string[]): ItemRefusal | null {
  if (r.deviceId !== deviceId) return { code: ERROR_CODES.validation, message: 'deviceId differs from the pushing device' };
  if (deviceWindowIds !== undefined && !deviceWindowIds.includes(r.windowId)) {
    return { code: ERROR_CODES.wrongWindow, message: `this device was never enrolled for window ${r.windowId}` };
  }
  const unit = idx.windowUnit.get(r.windowId);
  if (unit === undefined || unit !== r.unitId) return { code: ERROR_CODES.unknownWindow, message: `window ${r.windowId} of unit ${r.unitId} is unknown` };
  if (r.staffId !== undefined && idx.staffUnit.get(r.staffId) !== r.unitId) {
    return { code: ERROR_CODES.unknownStaff, message: `staff ${r.staffId} is unknown in unit ${r.unitId}` };
  }
  const staffProblem = r.staffId === undefined ? null : checkRatedStaff(idx.staff.get(r.staffId)!, r.windowId);
  if (staffProblem) return staffProblem;
  const unknown = r.reasons.filter((k) => !idx.reasonKeys.has(k));
  if (unknown.length) return { code: ERROR_CODES.unknownReason, message: `unknown reason ${unknown.join(', ')}` };
  return null;
}

/**
 * A rating is credited to someone who serves at its window: crediting it to another window's clerk, the
 * administrator or a disabled account would open a bad-review case for the wrong person and let them reveal the
 * evaluator. The roster is the rating's own window, not the device's current one: a tablet moved to another
 * window still sends what it took at the old one (the device check above allows that window).
 */
function checkRatedStaff(staff: CatalogStaff, windowId: string): ItemRefusal | null {
  if (!staff.active) return { code: ERROR_CODES.staffInactive, message: `staff ${staff.id} is disabled` };
  if (!staff.roles.some((role) => role === 'STAFF' || role === 'LEAD')) return { code: ERROR_CODES.notWindowStaff, message: `${staff.id} is not window staff` };
  if (staff.windowId !== windowId) return { code: ERROR_CODES.staffNotOnWindow, message: `staff ${staff.id} is not on the roster of window ${windowId}` };
  return null;
}

function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

/**
 * Validates every item on its own, writes the valid ones in one transaction and answers each in request order:
 * accepted, duplicate (an identical replay), conflict (same id, other content) or invalid (with its reason).
 */
export interface IngestOptions {
  /**
   * The windows an enrolled kiosk has served: its ratings must be for one of them. Not only the current one: a
   * tablet moved to another window still holds the ratings it took at the old one, and they are real.
   */
  deviceWindowIds?: readonly string[];
  /** What the route adds (who may send which channel). */
  check?: (record: RatingRecord, catalog: Catalog) => ItemRefusal | null;
  /** What the route drops from a valid record before it is hashed and stored (claims only the server may make). */
  prepare?: (record: RatingRecord) => RatingRecord;
}

export async function ingestRatings(store: Store, request: PushRequest, receivedAt: number, opts: IngestOptions = {}): Promise<PushItemResult[]> {
  const catalog = await store.loadCatalog();
  const idx = indexCatalog(catalog);
  const results: PushItemResult[] = new Array(request.ratings.length);
  const prepared: PreparedRating[] = [];
  const preparedIndex: number[] = [];
  request.ratings.forEach((raw, index) => {
    const parsed = RatingRecordSchema.safeParse(raw);
    if (!parsed.success) {
      results[index] = { index, id: idOf(raw), status: 'invalid', error: invalidItem(parsed.error) };
      return;
    }
    const problem = checkCatalog(parsed.data, request.deviceId, idx, opts.deviceWindowIds) ?? opts.check?.(parsed.data, catalog) ?? null;
    if (problem) {
      results[index] = { index, id: parsed.data.id, status: 'invalid', error: problem };
      return;
    }
    const record = opts.prepare ? opts.prepare(parsed.data) : parsed.data;
    prepared.push({ record, hash: payloadHash(record) });
    preparedIndex.push(index);
  });
  if (prepared.length > 0) {
    const batch: IngestBatch = { deviceId: request.deviceId, receivedAt, clockOffsetMs: receivedAt - request.sentAt, items: prepared };
    const outcomes = await store.insertRatings(batch);
    outcomes.forEach((status, i) => {
      const index = preparedIndex[i];
      const id = prepared[i].record.id;
      results[index] =
        status === 'conflict'
          ? { index, id, status, error: { code: ERROR_CODES.idConflict, message: 'this id is stored with different content' } }
          : { index, id, status };
    });
  }
  return results;
}
