import { PUBLISHED_CALENDAR_YEARS } from '../src/domain/calendar-data';
import type { Store } from './store/store';

/** Adds the published holiday tables the database lacks; a year an administrator entered or corrected stays. */
export async function ensurePublishedCalendar(store: Store): Promise<void> {
  const known = new Set((await store.listCalendarYears()).map((y) => y.year));
  for (const year of PUBLISHED_CALENDAR_YEARS) {
    if (!known.has(year.year)) await store.putCalendarYear({ ...year, holidays: [...year.holidays], workdays: [...year.workdays] }, null, Date.now());
  }
}
