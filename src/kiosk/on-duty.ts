import { CST_OFFSET_MS } from '../domain/time';
import type { StaffCard } from '../domain/sync-api';

const DAY_MS = 24 * 3600_000;

/** The next time the clock in China reads `hhmm` after `now` (the shift end a sign-on lasts until). */
export function nextShiftEnd(now: number, hhmm = '18:30'): number {
  const [h, m] = hhmm.split(':').map(Number);
  const cstMidnight = Math.floor((now + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  const today = cstMidnight + (h * 60 + m) * 60_000;
  return today > now ? today : today + DAY_MS;
}

export interface OnDutyRecord {
  staffId: string;
  since: number;
  until: number;
}

/** The person on duty, or null when nobody signed on, the shift has ended, or they left the window's roster. */
export function activeOnDuty(record: OnDutyRecord | undefined, roster: StaffCard[], now: number): StaffCard | null {
  if (!record || now >= record.until) return null;
  return roster.find((s) => s.id === record.staffId) ?? null;
}

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;
