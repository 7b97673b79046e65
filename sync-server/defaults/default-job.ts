import {
  defaultCandidatesFinishedBefore, isDefaultDue, makeDefaultRatingDueLookup, needsDefaultRating, type DefaultRatingDue,
} from '../../src/domain/default-rating';
import { uuidv7 } from '../../src/domain/ids';
import { makeCalendar } from '../../src/domain/workdays';
import { FIRST_CANDIDATE_CURSOR, type DefaultCandidate, type NewDefaultRating, type SupersededDefault } from '../store/default-rating-rows';
import type { Store } from '../store/store';

/**
 * The default 满意 job (issue 14): for every finished 办件 with no citizen rating made by its due instant (the end
 * of the 5th working day after the finish date, src/domain/default-rating.ts), one rating, level SATISFIED,
 * channel DEFAULT, rated at the due instant, with the 办件's unit, window and staff.
 *
 * Exactly once whatever happens: the store inserts under the unique key ratings_one_default with ON CONFLICT DO
 * NOTHING, so a second run, a run at the same time, another instance or a run after a crash half-way through adds
 * nothing already there. Nothing is decided from what this run read: a default that lost the race is simply not
 * stored, and is counted as `alreadyMade`.
 *
 * A citizen rating made by the due instant wins, whichever arrives first: the store's insert checks for one in
 * the same statement; the ingest hook marks an existing default superseded in the rating's own transaction; and
 * this job ends with a sweep that marks any default still open beside such a rating. The sweep repairs the one
 * race READ COMMITTED leaves on PostgreSQL (a citizen rating committed while its 办件's default is being inserted:
 * neither statement sees the other's row) at the latest on the next run, ten minutes later. On SQLite writes take
 * turns, so there the sweep finds nothing to repair except paper forms checked after their default.
 *
 * A 办件 whose count runs into a year without a calendar table is listed as waiting, never guessed; it gets its
 * default on the first run after an administrator enters the table.
 */

/** Candidates read per page: keeps memory flat over a hall's years of 办件. */
const PAGE = 5000;

export interface MadeDefault {
  id: string;
  serviceCaseId: string;
  unitId: string;
  caseNo: string;
  windowId: string;
  staffId: string | null;
  finishedAt: number;
  /** The 5th working day after the finish date ("YYYY-MM-DD"); the default is rated at its end, `dueAt`. */
  dueDate: string;
  dueAt: number;
}

export interface WaitingServiceCase {
  serviceCaseId: string;
  unitId: string;
  caseNo: string;
  finishedAt: number;
  finishDate: string;
  /** The years whose calendar table is missing. */
  missingYears: number[];
  /** The date from weekdays alone: for an "about …" only. */
  estimate: string;
}

export interface DefaultJobResult {
  asOf: number;
  made: MadeDefault[];
  superseded: SupersededDefault[];
  waiting: WaitingServiceCase[];
  counts: {
    /** Finished 办件 read that had no default and no citizen rating made surely before the due. */
    candidates: number;
    made: number;
    /** Due, but another run or instance stored the default (or a citizen rating arrived) between read and write. */
    alreadyMade: number;
    /** A citizen rating made by the due instant: no default needed. */
    ratedByCitizen: number;
    /** The due instant has not passed at `asOf`. */
    notYetDue: number;
    waiting: number;
    superseded: number;
  };
}

export type CandidateDecision = 'make' | 'rated-by-citizen' | 'not-yet-due' | 'waiting';

/** What the job does with one candidate, given its due date and the as-of instant. Pure. */
export function decideCandidate(c: Pick<DefaultCandidate, 'citizenRatedAt'>, due: DefaultRatingDue, asOf: number): CandidateDecision {
  if (due.state === 'WAITING') return 'waiting';
  if (!needsDefaultRating(due, c.citizenRatedAt === null ? [] : [c.citizenRatedAt], false)) return 'rated-by-citizen';
  return isDefaultDue(due, asOf) ? 'make' : 'not-yet-due';
}

export interface DefaultJobOptions {
  /** The instant the job runs as of: defaults due strictly before it are made. */
  asOf: number;
  /** The server clock for received_at, superseded_at and the audit entry (default: now). */
  now?: number;
  /** Who runs it, for the audit entry: the server's timer, or an operator's command (with the OS user). */
  runBy: { kind: 'server' } | { kind: 'command'; user: string | null };
  /** Aborted (the server stopping): the run ends after the page it is writing; what it stored stays, once. */
  signal?: AbortSignal;
}

export async function runDefaultJob(store: Store, opts: DefaultJobOptions): Promise<DefaultJobResult> {
  const now = opts.now ?? Date.now();
  const dueOf = makeDefaultRatingDueLookup(makeCalendar(await store.listCalendarYears()));
  const result: DefaultJobResult = {
    asOf: opts.asOf,
    made: [],
    superseded: [],
    waiting: [],
    counts: { candidates: 0, made: 0, alreadyMade: 0, ratedByCitizen: 0, notYetDue: 0, waiting: 0, superseded: 0 },
  };
  const finishedBefore = defaultCandidatesFinishedBefore(opts.asOf);
  for (let cursor = FIRST_CANDIDATE_CURSOR; ; ) {
    const page = await store.listDefaultCandidates(finishedBefore, cursor, PAGE);
    if (page.length === 0) break;
    const last = page[page.length - 1];
    cursor = { finishedAt: last.finishedAt, id: last.serviceCaseId };
    result.counts.candidates += page.length;
    await makeDefaults(store, page, dueOf, opts.asOf, now, result);
    if (page.length < PAGE || opts.signal?.aborted) break;
  }
  if (!opts.signal?.aborted) result.superseded = await store.supersedeDefaultRatings(now);
  result.counts.made = result.made.length;
  result.counts.waiting = result.waiting.length;
  result.counts.superseded = result.superseded.length;
  if (result.made.length > 0 || result.superseded.length > 0) await auditRun(store, result, opts, now);
  return result;
}

async function makeDefaults(
  store: Store,
  page: readonly DefaultCandidate[],
  dueOf: (finishedAtMs: number) => DefaultRatingDue,
  asOf: number,
  now: number,
  result: DefaultJobResult,
) {
  const toMake: { candidate: DefaultCandidate; due: Extract<DefaultRatingDue, { state: 'KNOWN' }>; row: NewDefaultRating }[] = [];
  for (const candidate of page) {
    const due = dueOf(candidate.finishedAt);
    const decision = decideCandidate(candidate, due, asOf);
    if (decision === 'waiting' && due.state === 'WAITING') {
      const { serviceCaseId, unitId, caseNo, finishedAt } = candidate;
      result.waiting.push({ serviceCaseId, unitId, caseNo, finishedAt, finishDate: due.finishDate, missingYears: due.missingYears, estimate: due.estimate });
    } else if (decision === 'make' && due.state === 'KNOWN') {
      const { unitId, caseNo, windowId, staffId } = candidate;
      toMake.push({ candidate, due, row: { id: uuidv7(now), unitId, caseNo, windowId, staffId, dueAt: due.dueAtMs } });
    } else if (decision === 'rated-by-citizen') result.counts.ratedByCitizen += 1;
    else result.counts.notYetDue += 1;
  }
  if (toMake.length === 0) return;
  const stored = new Set(await store.insertDefaultRatings(toMake.map((m) => m.row), now));
  for (const { candidate, due, row } of toMake) {
    if (!stored.has(row.id)) {
      result.counts.alreadyMade += 1;
      continue;
    }
    const { serviceCaseId, unitId, caseNo, windowId, staffId, finishedAt } = candidate;
    result.made.push({ id: row.id, serviceCaseId, unitId, caseNo, windowId, staffId, finishedAt, dueDate: due.date, dueAt: due.dueAtMs });
  }
}

/** One entry per run that made or superseded something; the defaults themselves are the ratings (channel DEFAULT). */
async function auditRun(store: Store, r: DefaultJobResult, opts: DefaultJobOptions, now: number) {
  await store.appendAudit({
    at: now,
    actorId: null,
    action: 'ratings.default',
    targetType: null,
    targetId: null,
    detail: {
      asOf: r.asOf,
      runBy: opts.runBy.kind,
      ...(opts.runBy.kind === 'command' ? { user: opts.runBy.user } : {}),
      made: r.counts.made,
      superseded: r.counts.superseded,
      waiting: r.counts.waiting,
      alreadyMade: r.counts.alreadyMade,
    },
    ip: null,
  });
}
