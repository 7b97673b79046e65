import { CST_OFFSET_MS } from '../time';
import { monthRangeCst } from './month';

/** A report quarter, "2026-Q3": months 7, 8 and 9 on the China clock. */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function isQuarter(text: string): boolean {
  return QUARTER_PATTERN.test(text);
}

function parts(quarter: string): { year: number; q: number } {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  return { year: Number(m[1]), q: Number(m[2]) };
}

/** The quarter's three months, "2026-07", "2026-08", "2026-09". */
export function quarterMonths(quarter: string): [string, string, string] {
  const { year, q } = parts(quarter);
  const month = (i: number) => `${year}-${String((q - 1) * 3 + i).padStart(2, '0')}`;
  return [month(1), month(2), month(3)];
}

/** [from, to) of the quarter on the China clock (Unix ms): its first month's start to its last month's end. */
export function quarterRangeCst(quarter: string): { from: number; to: number } {
  const [first, , last] = quarterMonths(quarter);
  return { from: monthRangeCst(first).from, to: monthRangeCst(last).to };
}

export function previousQuarter(quarter: string): string {
  const { year, q } = parts(quarter);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarter an instant falls in on the China clock. */
export function quarterOfCst(ms: number): string {
  const d = new Date(ms + CST_OFFSET_MS);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** The last quarter that has ended at `now` (the bulletin's default): the one before the current quarter. */
export function lastCompleteQuarter(now: number): string {
  return previousQuarter(quarterOfCst(now));
}
