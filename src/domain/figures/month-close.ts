import { CST_OFFSET_MS } from '../time';
import type { AssessmentSettings } from '../service-case-assessments';
import { countedIds, type Attachment2Counts, type Attachment2Row, type RatingFacts, type RatingPlace, type RowScope } from './attachment2';
import type { BadReviewFacts } from './bad-review-facts';
import { MONTH_PATTERN, monthOfCst, monthRangeCst } from './month';

/**
 * Month close (issue 15): the office submits each month's Attachment 2 once the month is over, and a corrected
 * version when something changed afterwards. All dates on the China clock (UTC+8), whatever the server's zone.
 *
 * - A month is due from 00:00 CST on the 1st of the next month (when it has ended).
 * - It is on time if its first version is submitted before 00:00 CST on the 10th of the next month (by the end of
 *   the 9th); after that it is overdue, and a version submitted then is "submitted late".
 * - The reminder names every month of the list (monthsToClose) not yet submitted: due, or overdue.
 * - A submission keeps a signature of every rating of the month in its scope (counted or not): everything the
 *   rating contributes to the table. The live signatures against the snapshot's say which ratings changed the
 *   numbers since (diffSignatures), and diffTables which cells.
 */

/** On time: submitted before 00:00 CST on this day of the following month. */
export const CLOSE_DEADLINE_DAY = 10;
/** The office's list covers at most this many months back from the last ended one. */
export const CLOSE_LIST_MONTHS = 12;

function parse(month: string): { y: number; m: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  return { y: Number(match[1]), m: Number(match[2]) };
}

/** month + n months ("2026-12" + 1 = "2027-01"; n may be negative). */
export function addMonths(month: string, n: number): string {
  const { y, m } = parse(month);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** When `month` becomes due (the instant it ends) and the deadline (00:00 CST on the 10th of the next month). */
export function closeDates(month: string): { dueFrom: number; deadline: number } {
  const { y, m } = parse(month);
  return { dueFrom: monthRangeCst(month).to, deadline: Date.UTC(y, m, CLOSE_DEADLINE_DAY) - CST_OFFSET_MS };
}

export const CLOSE_STATUSES = ['notDue', 'due', 'overdue', 'submitted', 'submittedLate'] as const;
export type CloseStatus = (typeof CLOSE_STATUSES)[number];

/** A month's status at `now`, given when its first version was submitted (null: never). */
export function closeStatus(month: string, now: number, firstSubmittedAt: number | null): CloseStatus {
  const { dueFrom, deadline } = closeDates(month);
  if (firstSubmittedAt !== null) return firstSubmittedAt < deadline ? 'submitted' : 'submittedLate';
  if (now < dueFrom) return 'notDue';
  return now < deadline ? 'due' : 'overdue';
}

/**
 * The months the office closes at `now`, newest first: the last ended month back to the month of the hall's first
 * rating, at most CLOSE_LIST_MONTHS of them. The last ended month is always listed (a month without ratings is
 * still reported: zero is a figure).
 */
export function monthsToClose(now: number, firstRatingAt: number | null): string[] {
  const last = addMonths(monthOfCst(now), -1);
  const oldest = addMonths(last, -(CLOSE_LIST_MONTHS - 1));
  const first = firstRatingAt === null ? last : monthOfCst(firstRatingAt);
  const from = first > oldest ? first : oldest;
  const out: string[] = [];
  for (let m = last; m >= from; m = addMonths(m, -1)) out.push(m);
  return out.length > 0 ? out : [last];
}

/** Why a rating of the month is where it is (attachment2.ts rules 2-4). */
export const RATING_STATES = ['COUNTED', 'INVALID', 'AWAITING_CHECK', 'SUPERSEDED', 'NOT_LATEST'] as const;
export type RatingState = (typeof RATING_STATES)[number];

/** Everything one rating of the month contributes to the table; equal signatures contribute the same. */
export interface RatingSignature extends RatingPlace {
  state: RatingState;
  /** A counted bad review's handling at the report's instant (rule 7); null otherwise (it adds nothing there). */
  handling: BadReviewFacts | null;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The signatures of the month's ratings (rated in `month`), sorted by id, from the same facts countMonth reads
 * (each bad review's handling already judged): the same rules decide, so a change of the table is a change here.
 */
export function signMonth(month: string, facts: readonly RatingFacts[], settings?: AssessmentSettings): RatingSignature[] {
  const { from, to } = monthRangeCst(month);
  const counted = countedIds(facts, settings);
  const out: RatingSignature[] = [];
  for (const f of facts) {
    if (f.ratedAt < from || f.ratedAt >= to) continue;
    // The order of countMonth: a paper form awaiting its check and a superseded default count nowhere, not even as invalid.
    const state: RatingState = f.awaitingCheck ? 'AWAITING_CHECK' : f.superseded ? 'SUPERSEDED' : f.invalid ? 'INVALID' : counted.has(f.id) ? 'COUNTED' : 'NOT_LATEST';
    const handling = state === 'COUNTED' && f.badReview ? { ...f.badReview } : null;
    out.push({ id: f.id, ratedAt: f.ratedAt, unitId: f.unitId, windowId: f.windowId, staffId: f.staffId, level: f.level, channel: f.channel, state, handling });
  }
  return out.sort(byId);
}

/** Why a rating's contribution changed since the snapshot. */
export const CORRECTION_WHYS = [
  'LATE_ARRIVAL', // stored after the snapshot (a kiosk that synced late, a paper form typed late)
  'NEW_DEFAULT', // a default 满意 made after the snapshot
  'INVALIDATED', // supervision marked it INVALID
  'VALIDATED', // an INVALID mark was changed to VALID
  'SUPERSEDED', // a default overtaken by a citizen rating made in time
  'FOLLOWED_UP', // its 办件 got a later assessment (追评) that counts instead
  'CHECKED', // a paper form checked by a second person
  'CASE_REOPENED', // its case was closed on time at the snapshot and is no longer
  'CASE_CHANGED', // its case's handling moved (called back, decided, rectified, replied, closed, overdue)
  'RECLASSIFIED', // anything else it contributes (which rule counts it, its level, window…)
  'REMOVED', // no longer among the month's ratings of the scope
] as const;
export type CorrectionWhy = (typeof CORRECTION_WHYS)[number];

export interface RatingChange {
  kind: 'added' | 'removed' | 'changed';
  why: CorrectionWhy;
  /** The snapshot's signature (null: added) and the live one (null: removed). */
  before: RatingSignature | null;
  after: RatingSignature | null;
  /** The fields that differ: state, level, …, and handling.<bit> for a case's handling. */
  fields: string[];
}

const PLAIN_FIELDS = ['ratedAt', 'unitId', 'windowId', 'staffId', 'level', 'channel', 'state'] as const;
const HANDLING_FIELDS = ['realName', 'calledBack', 'path', 'rectified', 'replied', 'closedOnTime', 'overdue'] as const satisfies readonly (keyof BadReviewFacts)[];

function changedFields(a: RatingSignature, b: RatingSignature): string[] {
  const fields: string[] = PLAIN_FIELDS.filter((k) => a[k] !== b[k]);
  if (a.handling === null || b.handling === null) {
    if (a.handling !== b.handling) fields.push('handling');
  } else {
    for (const k of HANDLING_FIELDS) if (a.handling[k] !== b.handling[k]) fields.push(`handling.${k}`);
  }
  return fields;
}

function whyChanged(a: RatingSignature, b: RatingSignature, fields: string[]): CorrectionWhy {
  if (a.state !== b.state) {
    if (b.state === 'INVALID') return 'INVALIDATED';
    if (a.state === 'INVALID') return 'VALIDATED';
    if (b.state === 'SUPERSEDED') return 'SUPERSEDED';
    if (b.state === 'NOT_LATEST') return 'FOLLOWED_UP';
    if (a.state === 'AWAITING_CHECK') return 'CHECKED';
    return 'RECLASSIFIED';
  }
  if (fields.every((f) => f.startsWith('handling.'))) return a.handling?.closedOnTime && !b.handling?.closedOnTime ? 'CASE_REOPENED' : 'CASE_CHANGED';
  return 'RECLASSIFIED';
}

/** The ratings whose contribution differs between the snapshot and now, by rating time then id. */
export function diffSignatures(before: readonly RatingSignature[], after: readonly RatingSignature[]): RatingChange[] {
  const old = new Map(before.map((s) => [s.id, s]));
  const out: RatingChange[] = [];
  for (const s of after) {
    const was = old.get(s.id);
    if (!was) {
      out.push({ kind: 'added', why: s.channel === 'DEFAULT' ? 'NEW_DEFAULT' : 'LATE_ARRIVAL', before: null, after: s, fields: [] });
      continue;
    }
    old.delete(s.id);
    const fields = changedFields(was, s);
    if (fields.length > 0) out.push({ kind: 'changed', why: whyChanged(was, s, fields), before: was, after: s, fields });
  }
  for (const s of old.values()) out.push({ kind: 'removed', why: 'REMOVED', before: s, after: null, fields: [] });
  const at = (c: RatingChange) => (c.after ?? c.before)!;
  return out.sort((x, y) => at(x).ratedAt - at(y).ratedAt || byId(at(x), at(y)));
}

export interface CellChange {
  /** A figure of Attachment2Counts: "total", "byLevel.SATISFIED", "byPath.NOT_ADOPTED", … */
  cell: string;
  before: number;
  after: number;
}

export interface RowChange {
  scope: RowScope;
  unitId: string | null;
  windowId: string | null;
  staffId: string | null;
  cells: CellChange[];
}

/** Every figure of a row as "name" → number (the nested counts as "byLevel.X"), in the row's own order. */
export function flattenCounts(c: Attachment2Counts): [string, number][] {
  const out: [string, number][] = [];
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'number') out.push([k, v]);
    else if (v && typeof v === 'object' && k.startsWith('by')) for (const [sub, n] of Object.entries(v as Record<string, number>)) out.push([`${k}.${sub}`, n]);
  }
  return out;
}

const rowKey = (r: { scope: RowScope; unitId: string | null; windowId: string | null; staffId: string | null }) => `${r.scope}|${r.unitId ?? ''}|${r.windowId ?? ''}|${r.staffId ?? ''}`;

/** The cells that differ, per row (a row missing on one side reads as zeros), in the order of the live table then the old. */
export function diffTables(before: readonly Attachment2Row[], after: readonly Attachment2Row[]): RowChange[] {
  const old = new Map(before.map((r) => [rowKey(r), r]));
  const seen = new Set<string>();
  const out: RowChange[] = [];
  const compare = (a: Attachment2Row | undefined, b: Attachment2Row | undefined) => {
    const row = (b ?? a)!;
    const av = new Map(a ? flattenCounts(a) : []);
    const bv = b ? flattenCounts(b) : flattenCounts(a!).map(([k]) => [k, 0] as [string, number]);
    const cells = bv.map(([cell, n]) => ({ cell, before: av.get(cell) ?? 0, after: n })).filter((c) => c.before !== c.after);
    if (cells.length > 0) out.push({ scope: row.scope, unitId: row.unitId, windowId: row.windowId, staffId: row.staffId, cells });
  };
  for (const r of after) {
    const key = rowKey(r);
    seen.add(key);
    compare(old.get(key), r);
  }
  for (const r of before) if (!seen.has(rowKey(r))) compare(r, undefined);
  return out;
}
