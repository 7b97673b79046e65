/**
 * The bad-review loop of the notice (差评核查整改): every bad review ends with a record, an explanation, a
 * rectification and a reply. A case is its facts plus the actions taken on it, in order; its state is derived by
 * replaying them here, on the server and on the staff tablet alike, so both agree on what is legal and missing.
 */

export const CONTACT_CHANNELS = ['PHONE', 'SMS', 'VISIT', 'WECHAT'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const DECISION_PATHS = ['FIX_NOW', 'FIX_WITHIN_5', 'SPECIAL', 'NOT_ADOPTED'] as const;
export type DecisionPath = (typeof DECISION_PATHS)[number];
export const NOT_ADOPTED_REASONS = ['MISTAKEN', 'MALICIOUS', 'AGAINST_RULES'] as const;
export type NotAdoptedReason = (typeof NOT_ADOPTED_REASONS)[number];

export type CaseAction =
  | { type: 'CALL_BACK'; channel: ContactChannel; outcome: 'REACHED' | 'UNREACHABLE'; note?: string }
  | { type: 'DECIDE'; path: 'FIX_NOW' | 'FIX_WITHIN_5'; note?: string }
  | { type: 'DECIDE'; path: 'SPECIAL'; explanation: string; deadline: string }
  | { type: 'DECIDE'; path: 'NOT_ADOPTED'; reason: NotAdoptedReason; evidence: string; approverId: string }
  | { type: 'RECTIFY'; what: string }
  | { type: 'REPLY'; channel: ContactChannel; text: string }
  | { type: 'CLOSE' }
  | { type: 'REOPEN'; reason: string }
  // A not-adopted decision or a special deadline holds until an approver takes one of these from their own session.
  | { type: 'APPROVE' }
  | { type: 'REFUSE_APPROVAL'; reason: string };
export type CaseActionType = CaseAction['type'];

/** What does not change: the bad review the case is about. */
export interface CaseFacts {
  id: string;
  staffId: string | null;
  windowId: string;
  unitId: string;
  /** No phone left: nobody to call back or reply to, so those steps are skipped. */
  anonymous: boolean;
  /** When the server received the bad review: the clock of every deadline starts here. */
  receivedAt: number;
}

export interface CaseEvent {
  id: string;
  action: CaseAction;
  by: string;
  at: number;
}

export type CaseStage = 'RECEIVED' | 'CALLED_BACK' | 'AWAITING_APPROVAL' | 'DECIDED' | 'RECTIFIED' | 'REPLIED' | 'CLOSED';

/**
 * A not-adopted decision takes the rated person's case off their record, and a special path sets its own
 * deadline: neither may rest on the handler's word alone. Both wait for an approval (待审批) before going on.
 */
export const APPROVAL_PATHS: readonly DecisionPath[] = ['SPECIAL', 'NOT_ADOPTED'];
export const needsApproval = (path: DecisionPath) => APPROVAL_PATHS.includes(path);

export interface CaseState {
  stage: CaseStage;
  callAttempts: number;
  calledBack?: { at: number; by: string; channel: ContactChannel };
  decision?: { action: Extract<CaseAction, { type: 'DECIDE' }>; at: number; by: string; approved?: { at: number; by: string } };
  rectified?: { at: number; by: string; what: string };
  replied?: { at: number; by: string; channel: ContactChannel };
  closedAt?: number;
  /** The last reopening, when supervision sent a closed case back: deadlines restart from it. */
  reopenedAt?: number;
  version: number;
}

export type CaseRefusal =
  | 'WRONG_STAGE'
  | 'ANONYMOUS_NO_CONTACT'
  | 'APPROVER_IS_RATED_STAFF'
  | 'NOT_THE_APPROVER'
  | 'NOT_ADOPTED_NO_RECTIFICATION'
  | 'INCOMPLETE'
  | 'EMPTY_TEXT';

export type Requirement = 'CALL_BACK' | 'DECISION' | 'APPROVAL' | 'RECTIFICATION' | 'REPLY';

export const initialState = (): CaseState => ({ stage: 'RECEIVED', callAttempts: 0, version: 0 });

const blank = (s: string | undefined) => !s || !s.trim();

/** What the case still needs before it may close, in the order the notice lists them. */
export function missingRequirements(facts: CaseFacts, s: CaseState): Requirement[] {
  const missing: Requirement[] = [];
  if (!facts.anonymous && !s.calledBack) missing.push('CALL_BACK');
  if (!s.decision) missing.push('DECISION');
  else if (s.stage === 'AWAITING_APPROVAL') missing.push('APPROVAL');
  const notAdopted = s.decision?.action.path === 'NOT_ADOPTED';
  if (!notAdopted && !s.rectified) missing.push('RECTIFICATION');
  if (!facts.anonymous && !s.replied) missing.push('REPLY');
  return missing;
}

/**
 * The steps the case's stage allows next, whoever takes them: what the tablet offers as buttons. `applyAction`
 * accepts exactly these (with a complete payload); a randomized unit test keeps the two in step.
 */
export function allowedActions(facts: CaseFacts, s: CaseState): CaseActionType[] {
  const notAdopted = s.decision?.action.path === 'NOT_ADOPTED';
  const allowed: CaseActionType[] = [];
  if (s.stage === 'RECEIVED' && !facts.anonymous) allowed.push('CALL_BACK');
  if (s.stage === 'CALLED_BACK' || (s.stage === 'RECEIVED' && facts.anonymous)) allowed.push('DECIDE');
  if (s.stage === 'AWAITING_APPROVAL') allowed.push('APPROVE', 'REFUSE_APPROVAL');
  if (s.stage === 'DECIDED' && !notAdopted) allowed.push('RECTIFY');
  if (!facts.anonymous && (s.stage === 'RECTIFIED' || (s.stage === 'DECIDED' && notAdopted))) allowed.push('REPLY');
  if (s.stage !== 'CLOSED' && missingRequirements(facts, s).length === 0) allowed.push('CLOSE');
  if (s.stage === 'CLOSED') allowed.push('REOPEN');
  return allowed;
}

/** Who may take the approval step, as far as the case itself says: the named approver, never the rated person. */
function approvalRefusal(facts: CaseFacts, s: CaseState, by: string): CaseRefusal | null {
  if (s.stage !== 'AWAITING_APPROVAL' || !s.decision) return 'WRONG_STAGE';
  const d = s.decision.action;
  if (d.path === 'NOT_ADOPTED' && by !== d.approverId) return 'NOT_THE_APPROVER';
  if (by === facts.staffId) return 'APPROVER_IS_RATED_STAFF';
  return null;
}

/** Applies one action, or says why it is not allowed now. Pure: the same replay gives the same answer anywhere. */
export function applyAction(facts: CaseFacts, s: CaseState, e: CaseEvent): { ok: true; state: CaseState } | { ok: false; refusal: CaseRefusal } {
  const a = e.action;
  const next = (patch: Partial<CaseState>) => ({ ok: true as const, state: { ...s, ...patch, version: s.version + 1 } });
  const refuse = (refusal: CaseRefusal) => ({ ok: false as const, refusal });
  switch (a.type) {
    case 'CALL_BACK':
      if (facts.anonymous) return refuse('ANONYMOUS_NO_CONTACT');
      if (s.stage !== 'RECEIVED') return refuse('WRONG_STAGE');
      return a.outcome === 'REACHED'
        ? next({ stage: 'CALLED_BACK', callAttempts: s.callAttempts + 1, calledBack: { at: e.at, by: e.by, channel: a.channel } })
        : next({ callAttempts: s.callAttempts + 1 });
    case 'DECIDE': {
      const ready = s.stage === 'CALLED_BACK' || (s.stage === 'RECEIVED' && facts.anonymous);
      if (!ready) return refuse('WRONG_STAGE');
      if (a.path === 'SPECIAL' && (blank(a.explanation) || !/^\d{4}-\d{2}-\d{2}$/.test(a.deadline))) return refuse('EMPTY_TEXT');
      if (a.path === 'NOT_ADOPTED') {
        if (blank(a.evidence)) return refuse('EMPTY_TEXT');
        if (a.approverId === facts.staffId) return refuse('APPROVER_IS_RATED_STAFF');
      }
      return next({ stage: needsApproval(a.path) ? 'AWAITING_APPROVAL' : 'DECIDED', decision: { action: a, at: e.at, by: e.by } });
    }
    case 'APPROVE': {
      const refusal = approvalRefusal(facts, s, e.by);
      if (refusal) return refuse(refusal);
      return next({ stage: 'DECIDED', decision: { ...s.decision!, approved: { at: e.at, by: e.by } } });
    }
    case 'REFUSE_APPROVAL': {
      const refusal = approvalRefusal(facts, s, e.by);
      if (refusal) return refuse(refusal);
      if (blank(a.reason)) return refuse('EMPTY_TEXT');
      // Back to the decision step (the history keeps the refused decision and why).
      return next({ stage: s.calledBack ? 'CALLED_BACK' : 'RECEIVED', decision: undefined });
    }
    case 'RECTIFY':
      if (s.stage !== 'DECIDED') return refuse('WRONG_STAGE');
      if (s.decision?.action.path === 'NOT_ADOPTED') return refuse('NOT_ADOPTED_NO_RECTIFICATION');
      if (blank(a.what)) return refuse('EMPTY_TEXT');
      return next({ stage: 'RECTIFIED', rectified: { at: e.at, by: e.by, what: a.what.trim() } });
    case 'REPLY': {
      if (facts.anonymous) return refuse('ANONYMOUS_NO_CONTACT');
      const notAdopted = s.decision?.action.path === 'NOT_ADOPTED';
      if (!(s.stage === 'RECTIFIED' || (s.stage === 'DECIDED' && notAdopted))) return refuse('WRONG_STAGE');
      if (blank(a.text)) return refuse('EMPTY_TEXT');
      return next({ stage: 'REPLIED', replied: { at: e.at, by: e.by, channel: a.channel } });
    }
    case 'CLOSE':
      if (s.stage === 'CLOSED') return refuse('WRONG_STAGE');
      if (missingRequirements(facts, s).length > 0) return refuse('INCOMPLETE');
      return next({ stage: 'CLOSED', closedAt: e.at });
    case 'REOPEN':
      if (s.stage !== 'CLOSED') return refuse('WRONG_STAGE');
      if (blank(a.reason)) return refuse('EMPTY_TEXT');
      // Back to deciding: the call-back stands; decision, rectification and reply are done again (history keeps them).
      return next({
        stage: s.calledBack ? 'CALLED_BACK' : 'RECEIVED',
        decision: undefined,
        rectified: undefined,
        replied: undefined,
        closedAt: undefined,
        reopenedAt: e.at,
      });
  }
}

/** The state after every event, skipping none: events are stored only after applyAction accepted them. */
export function replay(facts: CaseFacts, events: readonly CaseEvent[]): CaseState {
  let s = initialState();
  for (const e of events) {
    const r = applyAction(facts, s, e);
    if (r.ok) s = r.state;
  }
  return s;
}
