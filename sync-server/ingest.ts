import { RatingRecordSchema, type RatingRecord } from '../src/domain/rating';
import type { ItemRefusal } from '../src/domain/error-codes';
import type { PushItemResult, PushRequest } from '../src/domain/sync-api';
import { ERROR_CODES } from '../src/domain/sync-constants';
import { answerItems, type ItemOutcome } from './batch-route';
import { payloadHash } from './canonical';
import { caseOpenedBy, type CaseNotifier } from './live/case-notifier';
import { caseOnArrival } from './store/rules/case-opening';
import { itemOutcomeOf } from './invitations/ingest-outcome';
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
  /** Told of each case the batch opened, once it is committed (the live case stream); none outside a server. */
  notifier?: CaseNotifier;
}

/** The batch a set of records came in: who sent it, and both clocks. */
export interface IngestBatchInfo {
  deviceId: string;
  sentAt: number;
  receivedAt: number;
}

/**
 * Checks records that passed the schema against the catalogue, writes the valid ones in one transaction and
 * answers each in order: accepted, duplicate (an identical replay), conflict (same id, other content) or invalid.
 */
export async function ingestRecords(store: Store, records: readonly RatingRecord[], info: IngestBatchInfo, opts: IngestOptions = {}): Promise<ItemOutcome[]> {
  const catalog = await store.loadCatalog();
  const idx = indexCatalog(catalog);
  const outcomes: ItemOutcome[] = new Array(records.length);
  const prepared: PreparedRating[] = [];
  const preparedIndex: number[] = [];
  records.forEach((record, index) => {
    const problem = checkCatalog(record, info.deviceId, idx, opts.deviceWindowIds) ?? opts.check?.(record, catalog) ?? null;
    if (problem) {
      outcomes[index] = { status: 'invalid', error: problem };
      return;
    }
    const kept = opts.prepare ? opts.prepare(record) : record;
    prepared.push({ record: kept, hash: payloadHash(kept), opensCase: caseOnArrival(kept) });
    preparedIndex.push(index);
  });
  if (prepared.length > 0) {
    const batch: IngestBatch = { deviceId: info.deviceId, receivedAt: info.receivedAt, clockOffsetMs: info.receivedAt - info.sentAt, items: prepared };
    const stored = await store.insertRatings(batch);
    stored.forEach((status, i) => {
      outcomes[preparedIndex[i]] = itemOutcomeOf(status);
      // Only a rating stored now opened its case: a replay's case was announced when it first arrived.
      if (status === 'accepted' && prepared[i].opensCase) void opts.notifier?.publish(caseOpenedBy(prepared[i].record));
    });
  }
  return outcomes;
}

/** A whole envelope outside HTTP (the unsent-records import, the bench): the batch route's steps without HTTP. */
export async function ingestRatings(store: Store, request: PushRequest, receivedAt: number, opts: IngestOptions = {}): Promise<PushItemResult[]> {
  const info = { deviceId: request.deviceId, sentAt: request.sentAt, receivedAt };
  const { results } = await answerItems(request.items, RatingRecordSchema, async (valid) => ({ outcomes: await ingestRecords(store, valid.map((v) => v.value), info, opts) }));
  return results;
}
