import { DECISION_PATHS, type DecisionPath } from '../case-machine';
import type { AnnualEntry } from './annual-report';

/** The report's figures of a unit (and of the whole report): what the table's subtotal row shows. */
export interface AnnualSubtotal {
  total: number;
  /** In the figures (countedIds); the rest are INVALID or an earlier assessment of their 办件. */
  counted: number;
  invalid: number;
  realName: number;
  /** The path decided (特殊情况 / 不予采纳 while awaiting approval included: `awaitingApproval` says how many). */
  byPath: Record<DecisionPath, number>;
  undecided: number;
  awaitingApproval: number;
  rectified: number;
  replied: number;
  closed: number;
  overdue: number;
}

export interface AnnualWindowGroup {
  windowId: string;
  entries: AnnualEntry[];
}

export interface AnnualUnitGroup {
  unitId: string;
  windows: AnnualWindowGroup[];
  subtotal: AnnualSubtotal;
}

export function emptySubtotal(): AnnualSubtotal {
  const byPath = Object.fromEntries(DECISION_PATHS.map((p) => [p, 0])) as Record<DecisionPath, number>;
  return { total: 0, counted: 0, invalid: 0, realName: 0, byPath, undecided: 0, awaitingApproval: 0, rectified: 0, replied: 0, closed: 0, overdue: 0 };
}

export function addToSubtotal(t: AnnualSubtotal, e: AnnualEntry): void {
  t.total += 1;
  if (e.counted) t.counted += 1;
  if (e.invalid) t.invalid += 1;
  if (e.realName) t.realName += 1;
  if (e.decision) {
    t.byPath[e.decision.path] += 1;
    if (e.decision.awaitingApproval) t.awaitingApproval += 1;
  } else t.undecided += 1;
  if (e.rectification) t.rectified += 1;
  if (e.reply) t.replied += 1;
  if (e.closedAt !== null) t.closed += 1;
  if (e.overdue) t.overdue += 1;
}

export function sumSubtotals(parts: readonly AnnualSubtotal[]): AnnualSubtotal {
  const all = emptySubtotal();
  for (const p of parts) {
    for (const k of ['total', 'counted', 'invalid', 'realName', 'undecided', 'awaitingApproval', 'rectified', 'replied', 'closed', 'overdue'] as const) all[k] += p[k];
    for (const path of DECISION_PATHS) all.byPath[path] += p.byPath[path];
  }
  return all;
}

/** Where a unit or window stands in the catalogue's order; ids it does not know go last, in byte order. */
export interface AnnualOrder {
  unit(id: string): number;
  window(id: string): number;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Entries grouped by unit, then window (both in the catalogue's order), each window's in rating-time order (then
 * id, so equal times keep one order), with each unit's subtotal.
 */
export function groupAnnual(entries: readonly AnnualEntry[], order: AnnualOrder): AnnualUnitGroup[] {
  const units = new Map<string, Map<string, AnnualEntry[]>>();
  for (const e of entries) {
    let unit = units.get(e.rating.unitId);
    if (!unit) units.set(e.rating.unitId, (unit = new Map()));
    const list = unit.get(e.rating.windowId);
    if (list) list.push(e);
    else unit.set(e.rating.windowId, [e]);
  }
  const cmp = (rank: (id: string) => number) => (a: string, b: string) => rank(a) - rank(b) || byteOrder(a, b);
  return [...units.keys()].sort(cmp(order.unit)).map((unitId) => {
    const windows = units.get(unitId)!;
    const subtotal = emptySubtotal();
    const groups = [...windows.keys()].sort(cmp(order.window)).map((windowId) => {
      const list = windows.get(windowId)!.sort((a, b) => a.rating.ratedAt - b.rating.ratedAt || byteOrder(a.rating.id, b.rating.id));
      for (const e of list) addToSubtotal(subtotal, e);
      return { windowId, entries: list };
    });
    return { unitId, windows: groups, subtotal };
  });
}
