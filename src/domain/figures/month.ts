import { CST_OFFSET_MS } from '../time';

/** A report month, "2026-10". */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

/**
 * The instants of a month in China Standard Time, [from, to): from 00:00 CST on the 1st to 00:00 CST on the 1st of
 * the next month (Unix ms). A rating belongs to the month of its rating time read on the China clock, whatever the
 * device's or the server's zone.
 */
export function monthRangeCst(month: string): { from: number; to: number } {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { from: Date.UTC(y, mo - 1, 1) - CST_OFFSET_MS, to: Date.UTC(y, mo, 1) - CST_OFFSET_MS };
}

/** The month ("2026-10") an instant falls in on the China clock. */
export function monthOfCst(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 7);
}
