import { missingRequirements, type CaseFacts, type CaseState, type Requirement } from './case-machine';
import { endOfDayCst, workingDeadline, type Calendar, type WorkingDeadline } from './workdays';

/** The call-back is due by the end of the next working day after the bad review arrives. */
export const CALL_BACK_WORKING_DAYS = 1;
/** The fix within 5 working days of arrival (or of a reopening), unless the special path set its own deadline. */
export const FIX_WORKING_DAYS = 5;

export interface CaseStatus {
  callBackDue: WorkingDeadline | null;
  fixDue: WorkingDeadline;
  missing: Requirement[];
  overdue: ('CALL_BACK' | 'FIX')[];
  /** The earliest deadline still to meet, for "soonest due first"; null once closed. */
  nextDueMs: number | null;
  /** False when a deadline falls in or crosses a year without a published holiday table. */
  certain: boolean;
}

/** Deadlines, what is missing and what is overdue at `now`: computed alike on the server and on the tablet. */
export function caseStatus(facts: CaseFacts, state: CaseState, calendar: Calendar, now: number): CaseStatus {
  const callBackDue = facts.anonymous ? null : workingDeadline(facts.receivedAt, CALL_BACK_WORKING_DAYS, calendar);
  // A special deadline counts once approved: until then the 5 working days stand (an unapproved date extends nothing).
  const special = state.decision?.action.path === 'SPECIAL' && state.decision.approved ? state.decision.action : null;
  const fixDue: WorkingDeadline = special
    ? { date: special.deadline, certain: true, unknownYears: [], deadlineMs: endOfDayCst(special.deadline) }
    : workingDeadline(state.reopenedAt ?? facts.receivedAt, FIX_WORKING_DAYS, calendar);
  const closed = state.stage === 'CLOSED';
  const callBackPending = !!callBackDue && !state.calledBack && !closed;
  const overdue: CaseStatus['overdue'] = [];
  // An estimated deadline (a year without its holiday table) never makes a case overdue: that would escalate it
  // on a guess. The date is shown as uncertain and the administrator is asked for the table instead.
  if (callBackPending && callBackDue!.certain && now > callBackDue!.deadlineMs) overdue.push('CALL_BACK');
  if (!closed && fixDue.certain && now > fixDue.deadlineMs) overdue.push('FIX');
  const pending = [callBackPending ? callBackDue!.deadlineMs : Infinity, closed ? Infinity : fixDue.deadlineMs];
  const next = Math.min(...pending);
  return {
    callBackDue,
    fixDue,
    missing: closed ? [] : missingRequirements(facts, state),
    overdue,
    nextDueMs: Number.isFinite(next) ? next : null,
    certain: fixDue.certain && (callBackDue?.certain ?? true),
  };
}
