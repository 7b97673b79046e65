import type { LevelKey } from './levels';
import { cstDate } from './time';
import { addDays, addWorkingDays, endOfDayCst, startOfDayCst, type Calendar } from './workdays';

/**
 * The default 满意 of a finished 办件 (serviceCase): when it is due, and whether a 办件 still needs one.
 *
 * The notice: "网上办件评价系统对未评价的事项办件实行5个工作日后'满意'默认" — an unrated 办件 defaults to 满意 *after*
 * 5 working days. DOMAIN.md, "Time and working days": "+N working days" counts from the day after the event and the
 * deadline is the end of the N-th working day.
 *
 * Is the finish day itself counted? No, whatever the hour and whatever kind of day it is. The issue's own examples
 * settle it: 2025-09-30 and 2026-02-13 are both ordinary working days, and counting them would give 2025-10-13 and
 * 2026-02-26 instead of the published 2025-10-14 and 2026-02-27. It is also the fair reading of "5个工作日后": the
 * finish day is never a whole working day the citizen had to rate in (a 办件 finished at 23:00 leaves one hour), and
 * it is the rule the 差评 deadlines already use (case-deadlines.ts), so one notice gives one way of counting. So a
 * 办件 finished on Friday at 09:00, on Friday at 23:00, on Saturday or on Sunday is due at the end of the same
 * following Friday (no holidays between), and one finished on a make-up Saturday (调休上班) counts from the Sunday.
 * The finish date is the date in China (UTC+8) of the finish instant, whatever the server's own zone.
 *
 * "Due" means at the end of the 5th working day, 23:59:59.999 China time (`endOfDayCst`): a citizen rating made up
 * to and including that millisecond is made before the default was due and wins over it; the default is made once
 * the clock has passed it, i.e. from 00:00 of the next day (`npm run defaults -- --as-of 2026-10-15T00:00:00+08:00`
 * makes the defaults due at the end of 2026-10-14). The default's own rating time is the due instant, so the
 * figures put it in the period in which the 5 working days ran out, not in the one in which the job happened to run.
 *
 * A count that runs into a year without a published table is never guessed (DOMAIN.md): such a 办件 is WAITING,
 * with the years whose tables are missing; it gets its default once an administrator enters the table.
 */

export const DEFAULT_RATING_WORKING_DAYS = 5;
export const DEFAULT_RATING_LEVEL: LevelKey = 'SATISFIED';

export type DefaultRatingDue =
  /** The default is due at the end of `date` (`dueAtMs`, 23:59:59.999 China time). */
  | { state: 'KNOWN'; finishDate: string; date: string; dueAtMs: number }
  /**
   * The count runs into years without a table (`missingYears`, ascending): the due date is unknown. `estimate` is
   * the date from weekdays alone, for an "about …" beside the waiting list only, never to make a default.
   */
  | { state: 'WAITING'; finishDate: string; missingYears: number[]; estimate: string };

/** When the default 满意 of a 办件 finished at `finishedAtMs` is due (see the module comment for the rule). */
export function defaultRatingDue(finishedAtMs: number, calendar: Calendar): DefaultRatingDue {
  return defaultRatingDueForDate(cstDate(finishedAtMs), calendar);
}

/** The same from the finish date in China ("YYYY-MM-DD"): every 办件 finished that day shares it (the job caches it). */
export function defaultRatingDueForDate(finishDate: string, calendar: Calendar): DefaultRatingDue {
  const r = addWorkingDays(finishDate, DEFAULT_RATING_WORKING_DAYS, calendar);
  if (!r.certain) return { state: 'WAITING', finishDate, missingYears: r.unknownYears, estimate: r.date };
  return { state: 'KNOWN', finishDate, date: r.date, dueAtMs: endOfDayCst(r.date) };
}

/** A memo of `defaultRatingDueForDate` by finish date, for a job that walks many 办件 finished on few dates. */
export function makeDefaultRatingDueLookup(calendar: Calendar): (finishedAtMs: number) => DefaultRatingDue {
  const byDate = new Map<string, DefaultRatingDue>();
  return (finishedAtMs) => {
    const date = cstDate(finishedAtMs);
    let due = byDate.get(date);
    if (!due) byDate.set(date, (due = defaultRatingDueForDate(date, calendar)));
    return due;
  };
}

/** Whether a due default has passed at `asOfMs`: strictly after the due instant, i.e. from the next day on. */
export function isDefaultDue(due: DefaultRatingDue, asOfMs: number): boolean {
  return due.state === 'KNOWN' && asOfMs > due.dueAtMs;
}

/**
 * Every 办件 whose default can be due at `asOfMs` finished before this instant: 5 working days take at least 5
 * calendar days (a week never has more than 7 working days), so a 办件 finished on or after the day 5 days before
 * the as-of date is not due yet, whatever the tables say. A safe prefilter for the job's query (finished_at < it);
 * each remaining 办件 is still decided by `defaultRatingDue`.
 */
export function defaultCandidatesFinishedBefore(asOfMs: number): number {
  return startOfDayCst(addDays(cstDate(asOfMs), -DEFAULT_RATING_WORKING_DAYS));
}

/**
 * Whether a finished 办件 needs its default: none made yet and no citizen rating made (corrected device time) up
 * to the due instant. A citizen rating made only after the due instant does not stop it: the default is then
 * assessment 1 and that rating a 追评 (service-case-assessments.ts). Deciding on the rating *time*, not on what has
 * arrived, makes the outcome the same whether the late rating reaches the server before or after the job runs.
 * The job still makes the default only when `isDefaultDue`; a unique key on the 办件 makes it once.
 */
export function needsDefaultRating(due: DefaultRatingDue, citizenRatedAt: readonly number[], hasDefault: boolean): boolean {
  if (hasDefault || due.state !== 'KNOWN') return false;
  return citizenRatedAt.every((t) => t > due.dueAtMs);
}
