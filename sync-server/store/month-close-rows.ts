import type { Attachment2Row } from '../../src/domain/figures/attachment2';
import type { BadReviewFacts } from '../../src/domain/figures/bad-review-facts';
import type { RatingSignature } from '../../src/domain/figures/month-close';

/** One submitted version of a month's Attachment 2, without its table (lists). unitId null: the whole hall. */
export interface MonthCloseHead {
  id: string;
  month: string;
  unitId: string | null;
  version: number;
  submittedBy: string;
  submittedAt: number;
  generatedAt: number;
}

export interface StoredMonthClose extends MonthCloseHead {
  rows: Attachment2Row[];
  signatures: RatingSignature[];
}

/** Month close (issue 15): SQLite migration 024 = PostgreSQL 012, table month_closes. */
export interface MonthCloseStore {
  /** The versions of months from..to (inclusive, "YYYY-MM") in one scope, by month then version. */
  listMonthCloseVersions(unitId: string | null, fromMonth: string, toMonth: string): Promise<MonthCloseHead[]>;
  getMonthClose(month: string, unitId: string | null, version: number): Promise<StoredMonthClose | null>;
  /** Stores a version; false when that version exists already (another submission got there first: the key decides). */
  insertMonthClose(close: StoredMonthClose): Promise<boolean>;
  /** The earliest rating time stored (the months to close start there); null without ratings. */
  firstRatingAt(): Promise<number | null>;
}

/** The whole hall is stored as unit_id '' (a key column cannot be null in PostgreSQL). */
const scopeKey = (unitId: string | null) => unitId ?? '';

/** Parameters by position; `p` gives each store's mark. */
export const monthCloseSql = (p: (n: number) => string) => ({
  list: `SELECT id, month, unit_id, version, submitted_by, submitted_at, generated_at FROM month_closes
    WHERE unit_id = ${p(1)} AND month >= ${p(2)} AND month <= ${p(3)} ORDER BY month, version`,
  get: `SELECT id, month, unit_id, version, submitted_by, submitted_at, generated_at, table_json, signatures_json FROM month_closes
    WHERE month = ${p(1)} AND unit_id = ${p(2)} AND version = ${p(3)}`,
  insert: `INSERT INTO month_closes (id, month, unit_id, version, submitted_by, submitted_at, generated_at, table_json, signatures_json)
    VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}) ON CONFLICT (month, unit_id, version) DO NOTHING`,
  // ratings_rated (rated_at) answers this from the index's first entry.
  firstRating: 'SELECT MIN(rated_at) AS first FROM ratings',
});

export const monthCloseListArgs = (unitId: string | null, from: string, to: string) => [scopeKey(unitId), from, to];
export const monthCloseGetArgs = (month: string, unitId: string | null, version: number) => [month, scopeKey(unitId), version];

export function monthCloseInsertArgs(c: StoredMonthClose): unknown[] {
  return [c.id, c.month, scopeKey(c.unitId), c.version, c.submittedBy, c.submittedAt, c.generatedAt, JSON.stringify(c.rows), JSON.stringify(c.signatures.map(packSignature))];
}

type Row = Record<string, any>;

export function monthCloseHeadFromRow(r: Row): MonthCloseHead {
  return {
    id: r.id,
    month: r.month,
    unitId: r.unit_id === '' ? null : r.unit_id,
    version: Number(r.version),
    submittedBy: r.submitted_by,
    submittedAt: Number(r.submitted_at),
    generatedAt: Number(r.generated_at),
  };
}

export function monthCloseFromRow(r: Row): StoredMonthClose {
  return { ...monthCloseHeadFromRow(r), rows: JSON.parse(r.table_json), signatures: (JSON.parse(r.signatures_json) as Packed[]).map(unpackSignature) };
}

/**
 * A signature as a short array (a province's month is ~100,000 of them): id, time, unit, window, staff, level,
 * channel, state, then the handling as [realName, calledBack, path, rectified, replied, closedOnTime, overdue] or 0.
 */
type PackedHandling = [number, number, string | null, number, number, number, number];
type Packed = [string, number, string, string, string | null, string, string, string, PackedHandling | 0];

const bit = (b: boolean) => (b ? 1 : 0);

function packSignature(s: RatingSignature): Packed {
  const h = s.handling;
  const handling: PackedHandling | 0 = h ? [bit(h.realName), bit(h.calledBack), h.path, bit(h.rectified), bit(h.replied), bit(h.closedOnTime), bit(h.overdue)] : 0;
  return [s.id, s.ratedAt, s.unitId, s.windowId, s.staffId, s.level, s.channel, s.state, handling];
}

function unpackSignature(p: Packed): RatingSignature {
  const [id, ratedAt, unitId, windowId, staffId, level, channel, state, h] = p;
  const handling: BadReviewFacts | null = h
    ? { realName: !!h[0], calledBack: !!h[1], path: h[2] as BadReviewFacts['path'], rectified: !!h[3], replied: !!h[4], closedOnTime: !!h[5], overdue: !!h[6] }
    : null;
  return { id, ratedAt, unitId, windowId, staffId, level: level as RatingSignature['level'], channel: channel as RatingSignature['channel'], state: state as RatingSignature['state'], handling };
}
