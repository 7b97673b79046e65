import { needsApproval, replay, type CaseEvent, type CaseFacts, type DecisionPath, type NotAdoptedReason } from '../case-machine';
import { caseStatus } from '../case-deadlines';
import type { Calendar } from '../workdays';

/** What the figures read of a bad review's case (差评核查整改), as of one instant. */
export interface BadReviewFacts {
  /** The rater left a phone number (实名差评): a call-back and a reply are owed. */
  realName: boolean;
  calledBack: boolean;
  /**
   * The path decided, once it stands: 立行立改 and 5 个工作日内整改 at once, 特殊情况 and 不予采纳 only once approved
   * (until then the handler's word alone decides nothing; case-machine.ts APPROVAL_PATHS). Null: not yet decided.
   */
  path: DecisionPath | null;
  rectified: boolean;
  replied: boolean;
  /** Closed by its fix deadline (the 5 working days, or the approved special deadline; a reopening restarts it). */
  closedOnTime: boolean;
  /** A deadline (call-back or fix) has passed unmet at the instant asked about (case-deadlines.ts). */
  overdue: boolean;
}

/**
 * The case's figures at `asOf` (the moment the report is made): every stored event replayed (case-machine.ts), its
 * deadlines judged at `asOf` (case-deadlines.ts).
 */
export function badReviewFacts(facts: CaseFacts, events: readonly CaseEvent[], calendar: Calendar, asOf: number): BadReviewFacts {
  const state = replay(facts, events);
  const status = caseStatus(facts, state, calendar, asOf);
  const d = state.decision;
  const path = d && (!needsApproval(d.action.path) || d.approved) ? d.action.path : null;
  return {
    realName: !facts.anonymous,
    calledBack: !!state.calledBack,
    path,
    rectified: !!state.rectified,
    replied: !!state.replied,
    closedOnTime: state.stage === 'CLOSED' && state.closedAt !== undefined && state.closedAt <= status.fixDue.deadlineMs,
    overdue: status.overdue.length > 0,
  };
}

/**
 * The category of a 不予采纳 decision that stands (approved, as `path` above reads it): MISTAKEN, MALICIOUS or
 * AGAINST_RULES; null for any other case. The public page breaks byPath.NOT_ADOPTED down by it (issue 16).
 */
export function notAdoptedReason(facts: CaseFacts, events: readonly CaseEvent[]): NotAdoptedReason | null {
  const d = replay(facts, events).decision;
  return d && d.action.path === 'NOT_ADOPTED' && d.approved ? d.action.reason : null;
}
