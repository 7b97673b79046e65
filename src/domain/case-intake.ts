/**
 * Checks on a case step as it arrives, apart from the state machine: they depend on the server's clock and its
 * settings, so they are applied once, on intake (the server, and the tablet's form before it queues a step), never
 * on replay. A stored event stays valid when a setting changes later.
 */
import type { CaseEvent, CaseFacts } from './case-machine';
import { cstDate } from './time';
import { addDays } from './workdays';

export interface CaseRules {
  /** A special path's deadline lies at most this many calendar days after the decision (a server setting). */
  specialDeadlineMaxDays: number;
  /** How far ahead of the server's clock a step's time may be: tablets' clocks drift a little. */
  clockSkewMs: number;
}

export const DEFAULT_CASE_RULES: CaseRules = { specialDeadlineMaxDays: 60, clockSkewMs: 5 * 60_000 };

export type IntakeRefusal = 'AT_BEFORE_CASE' | 'AT_IN_FUTURE' | 'DEADLINE_TOO_FAR' | 'DEADLINE_IN_PAST';

/** The latest deadline a special decision taken at `decidedAt` may set: the decision's day (CST) plus the cap. */
export const latestSpecialDeadline = (decidedAt: number, maxDays: number) => addDays(cstDate(decidedAt), maxDays);

/** A special deadline must fall between the decision's day and the cap (dates are YYYY-MM-DD, compared as text). */
export function specialDeadlineProblem(deadline: string, decidedAt: number, maxDays: number): 'DEADLINE_TOO_FAR' | 'DEADLINE_IN_PAST' | null {
  if (deadline < cstDate(decidedAt)) return 'DEADLINE_IN_PAST';
  if (deadline > latestSpecialDeadline(decidedAt, maxDays)) return 'DEADLINE_TOO_FAR';
  return null;
}

/**
 * Why a step may not be taken in: its time must lie between the case's arrival and the server's clock plus the
 * skew (so nobody dates a step into a deadline it missed, or ahead of it), and a special deadline within the cap.
 */
export function intakeRefusal(facts: CaseFacts, e: CaseEvent, now: number, rules: CaseRules): IntakeRefusal | null {
  if (e.at < facts.receivedAt) return 'AT_BEFORE_CASE';
  if (e.at > now + rules.clockSkewMs) return 'AT_IN_FUTURE';
  if (e.action.type === 'DECIDE' && e.action.path === 'SPECIAL') return specialDeadlineProblem(e.action.deadline, e.at, rules.specialDeadlineMaxDays);
  return null;
}
