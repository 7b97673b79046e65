import { applyAction, initialState, type CaseEvent, type CaseFacts, type CaseStage, type ContactChannel, type DecisionPath, type NotAdoptedReason } from '../case-machine';
import { caseStatus } from '../case-deadlines';
import { scrubText } from '../scrub';
import { CST_OFFSET_MS } from '../time';
import type { Calendar } from '../workdays';
import type { RatingPlace } from './attachment2';

/**
 * The annual rectification report (年度差评整改情况报告, issue 15): every bad review of a year with the notice's four
 * records — 差评记录 (the review), 情况说明 (the decision and its explanation), 整改 (the rectification), 回复 (the
 * reply to the evaluator) — its path, its dates and whether each deadline was met, as of the moment the report is
 * made. Pure: the server reads the rows, this turns them into entries (the case replayed with case-machine.ts, the
 * deadlines judged with case-deadlines.ts). Every free text is scrubbed (scrub.ts); the evaluator appears only as
 * 实名 / 匿名 (`realName`), never by name or phone.
 */

/** A report year on the China clock: [00:00 CST on 1 January, 00:00 CST on the next 1 January). */
export function yearRangeCst(year: number): { from: number; to: number } {
  return { from: Date.UTC(year, 0, 1) - CST_OFFSET_MS, to: Date.UTC(year + 1, 0, 1) - CST_OFFSET_MS };
}

/** The year of an instant on the China clock. */
export const yearOfCst = (ms: number): number => new Date(ms + CST_OFFSET_MS).getUTCFullYear();

/** The bad rating as the report reads it (comment: the stored scrubbed copy; contact never). */
export interface AnnualRating extends RatingPlace {
  reasons: string[];
  otherReason: string | null;
  comment: string | null;
  /** The service item (a paper form's, or its 办件's); null when unknown. */
  serviceItemId: string | null;
}

export interface AnnualReviewInput {
  rating: AnnualRating;
  facts: CaseFacts;
  events: readonly CaseEvent[];
  /** Counts in the figures (attachment2.ts countedIds: a 办件's latest assessment, not INVALID). */
  counted: boolean;
  /** Supervision marked the rating INVALID (anti-coercion review): in no figure, listed and marked here. */
  invalid: boolean;
}

/**
 * A deadline as of the report: met by it (ON_TIME), met after it (LATE), unmet and past it (OVERDUE), unmet and
 * still open (PENDING); NONE when it does not apply (no call-back is owed to an anonymous evaluator).
 */
export type DeadlineState = 'ON_TIME' | 'LATE' | 'OVERDUE' | 'PENDING' | 'NONE';

export interface AnnualDecision {
  path: DecisionPath;
  at: number;
  by: string;
  /** 立行立改 / 5 个工作日内整改: the handler's note; 特殊情况: the explanation; 不予采纳: the evidence. */
  text: string | null;
  /** 特殊情况: the deadline it asks for (YYYY-MM-DD). */
  deadline: string | null;
  /** 不予采纳: its category. */
  reason: NotAdoptedReason | null;
  /** 不予采纳: the approver named. */
  approverId: string | null;
  /** 特殊情况 and 不予采纳 stand only once approved; null while awaiting (or for paths that need none). */
  approved: { at: number; by: string } | null;
  awaitingApproval: boolean;
}

export interface AnnualEntry {
  rating: AnnualRating;
  realName: boolean;
  counted: boolean;
  invalid: boolean;
  stage: CaseStage;
  /** Call-back attempts, reached or not. */
  callAttempts: number;
  callBack: { at: number; by: string; channel: ContactChannel; note: string | null } | null;
  decision: AnnualDecision | null;
  rectification: { at: number; by: string; what: string } | null;
  reply: { at: number; by: string; channel: ContactChannel; text: string } | null;
  closedAt: number | null;
  /** Supervision sent the closed case back: how often, and the last time and reason (deadlines restart then). */
  reopened: { count: number; lastAt: number; lastReason: string } | null;
  callBackDue: { date: string; certain: boolean } | null;
  fixDue: { date: string; certain: boolean };
  callBackState: DeadlineState;
  fixState: DeadlineState;
  /** A deadline passed unmet at the report's instant (what the figures count as 超期). */
  overdue: boolean;
}

const scrubbed = (s: string | undefined | null): string | null => (s && s.trim() ? scrubText(s.trim()) : null);

function decisionOf(d: NonNullable<ReturnType<typeof initialState>['decision']>, stage: CaseStage): AnnualDecision {
  const a = d.action;
  const base = { path: a.path, at: d.at, by: d.by, approved: d.approved ?? null, awaitingApproval: stage === 'AWAITING_APPROVAL' };
  switch (a.path) {
    case 'SPECIAL':
      return { ...base, text: scrubbed(a.explanation), deadline: a.deadline, reason: null, approverId: null };
    case 'NOT_ADOPTED':
      return { ...base, text: scrubbed(a.evidence), deadline: null, reason: a.reason, approverId: a.approverId };
    default:
      return { ...base, text: scrubbed(a.note), deadline: null, reason: null, approverId: null };
  }
}

function deadlineState(doneAt: number | null, dueMs: number, certain: boolean, asOf: number): DeadlineState {
  if (doneAt !== null) return doneAt <= dueMs ? 'ON_TIME' : 'LATE';
  // An estimated deadline (a year without its table) never makes a case overdue (case-deadlines.ts).
  return certain && asOf > dueMs ? 'OVERDUE' : 'PENDING';
}

/**
 * One bad review's entry as of `asOf`: its events replayed in order (a step the machine refuses changes nothing,
 * as in `replay`), the texts the current state rests on kept (the reply text and call-back note are not in the
 * state), the deadlines judged.
 */
export function annualEntry(input: AnnualReviewInput, calendar: Calendar, asOf: number): AnnualEntry {
  const { facts, rating } = input;
  let s = initialState();
  let callNote: string | null = null;
  let replyText = '';
  let reopenCount = 0;
  let lastReopen: { at: number; reason: string } | null = null;
  for (const e of input.events) {
    const r = applyAction(facts, s, e);
    if (!r.ok) continue;
    s = r.state;
    const a = e.action;
    if (a.type === 'CALL_BACK' && a.outcome === 'REACHED') callNote = scrubbed(a.note);
    else if (a.type === 'REPLY') replyText = a.text;
    else if (a.type === 'REOPEN') {
      reopenCount += 1;
      lastReopen = { at: e.at, reason: scrubbed(a.reason) ?? '' };
    }
  }
  const status = caseStatus(facts, s, calendar, asOf);
  const closedAt = s.stage === 'CLOSED' ? (s.closedAt ?? null) : null;
  return {
    rating: { ...rating, otherReason: scrubbed(rating.otherReason), comment: scrubbed(rating.comment) },
    realName: !facts.anonymous,
    counted: input.counted,
    invalid: input.invalid,
    stage: s.stage,
    callAttempts: s.callAttempts,
    callBack: s.calledBack ? { ...s.calledBack, note: callNote } : null,
    decision: s.decision ? decisionOf(s.decision, s.stage) : null,
    rectification: s.rectified ? { ...s.rectified, what: scrubText(s.rectified.what) } : null,
    reply: s.replied ? { ...s.replied, text: scrubText(replyText.trim()) } : null,
    closedAt,
    reopened: lastReopen ? { count: reopenCount, lastAt: lastReopen.at, lastReason: lastReopen.reason } : null,
    callBackDue: status.callBackDue ? { date: status.callBackDue.date, certain: status.callBackDue.certain } : null,
    fixDue: { date: status.fixDue.date, certain: status.fixDue.certain },
    callBackState: status.callBackDue
      ? deadlineState(s.calledBack?.at ?? null, status.callBackDue.deadlineMs, status.callBackDue.certain, asOf)
      : 'NONE',
    fixState: deadlineState(closedAt, status.fixDue.deadlineMs, status.fixDue.certain, asOf),
    overdue: status.overdue.length > 0,
  };
}
