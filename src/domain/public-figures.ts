import type { Attachment2Row } from './figures/attachment2';
import { NOT_ADOPTED_REASONS, type NotAdoptedReason } from './case-machine';
import type { PublicMonthFigures, PublicOutcomes } from './public-api';

/** The `n` months ending at `last` ("2026-10"), oldest first. */
export function monthsEndingAt(last: string, n: number): string[] {
  const y = Number(last.slice(0, 4));
  const m = Number(last.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const k = y * 12 + m - i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export type NotAdoptedCounts = Record<NotAdoptedReason, number>;
export const noNotAdopted = (): NotAdoptedCounts => Object.fromEntries(NOT_ADOPTED_REASONS.map((k) => [k, 0])) as NotAdoptedCounts;

/**
 * How the month's bad reviews ended, from the unit's Attachment 2 row (byPath: the decisions that stand) and the
 * not-adopted ones by category. PENDING: bad reviews without a standing decision (never negative).
 */
export function publicOutcomes(row: Attachment2Row | undefined, notAdopted: NotAdoptedCounts): PublicOutcomes {
  const p = row?.byPath ?? { FIX_NOW: 0, FIX_WITHIN_5: 0, SPECIAL: 0, NOT_ADOPTED: 0 };
  const decided = p.FIX_NOW + p.FIX_WITHIN_5 + p.SPECIAL + p.NOT_ADOPTED;
  return { FIX_NOW: p.FIX_NOW, FIX_WITHIN_5: p.FIX_WITHIN_5, SPECIAL: p.SPECIAL, NOT_ADOPTED: { ...notAdopted }, PENDING: Math.max(0, (row?.bad ?? 0) - decided) };
}

const zeroRate = { numerator: 0, denominator: 0, percent: null };

/** The public figures of a unit's month: only the counts and rates the page shows, nothing per person. */
export function publicMonthFigures(unitId: string, month: string, row: Attachment2Row | undefined, notAdopted: NotAdoptedCounts): PublicMonthFigures {
  return {
    unitId,
    month,
    total: row?.total ?? 0,
    byLevel: { VERY_SATISFIED: 0, SATISFIED: 0, BASICALLY_SATISFIED: 0, DISSATISFIED: 0, VERY_DISSATISFIED: 0, ...row?.byLevel },
    satisfied: row?.satisfied ?? 0,
    bad: row?.bad ?? 0,
    rates: {
      satisfaction: row?.rates.satisfaction ?? zeroRate,
      callBackRate: row?.rates.callBackRate ?? zeroRate,
      rectificationRate: row?.rates.rectificationRate ?? zeroRate,
    },
    outcomes: publicOutcomes(row, notAdopted),
  };
}
