import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import type { CaseListResponse } from '../domain/case-api';
import { allowedActions, CONTACT_CHANNELS, NOT_ADOPTED_REASONS, type CaseAction, type CaseActionType, type CaseFacts, type CaseState, type ContactChannel } from '../domain/case-machine';
import { DEFAULT_CASE_RULES, latestSpecialDeadline, specialDeadlineProblem, type CaseRules } from '../domain/case-intake';
import { mayApproveCase, mayTakeApproval, mayTakeCaseAction } from '../domain/roles';
import { cstDate } from '../domain/time';
import { FieldError } from '../kiosk/FieldError';

interface Props {
  me: Me;
  facts: CaseFacts;
  state: CaseState;
  approvers: CaseListResponse['approvers'];
  /** The server's settings (absent in a list cached before they were sent: the defaults). */
  rules?: CaseRules;
  onAct: (action: CaseAction) => Promise<void>;
}

type Kind = CaseActionType;

/** The next steps this case allows this person, each as a small form; empty fields are refused next to them. */
export function CaseActions({ me, facts, state, approvers, rules = DEFAULT_CASE_RULES, onAct }: Props) {
  const { t } = useTranslation('cases');
  const uid = useId();
  const [open, setOpen] = useState<Kind | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // 办结 takes the case off the open list at once: it is asked first, and the question takes focus (safe answer first).
  const cancelClose = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open === 'CLOSE') cancelClose.current?.focus();
  }, [open]);
  // Approving is offered only to whom the server lets approve this very decision (the named approver of 不予采纳).
  const mayApproveThis = !!state.decision && mayTakeApproval(me, facts, state.decision.action);
  const available = allowedActions(facts, state).filter(
    (type) => mayTakeCaseAction(me, type) && (type === 'APPROVE' || type === 'REFUSE_APPROVAL' ? mayApproveThis : true),
  );
  const now = Date.now();
  const latestDeadline = latestSpecialDeadline(now, rules.specialDeadlineMaxDays);
  if (available.length === 0) return null;

  const set = (name: string) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value }));
  const need = (found: Record<string, string>, name: string) => {
    if (!(fields[name] ?? '').trim()) found[name] = t('errors.required');
  };
  const build = (kind: Kind): CaseAction | Record<string, string> => {
    const found: Record<string, string> = {};
    const channel = (fields.channel ?? 'PHONE') as ContactChannel;
    switch (kind) {
      case 'CALL_BACK':
        return { type: 'CALL_BACK', channel, outcome: fields.outcome === 'UNREACHABLE' ? 'UNREACHABLE' : 'REACHED', note: fields.note?.trim() || undefined };
      case 'DECIDE': {
        const path = fields.path ?? 'FIX_WITHIN_5';
        if (path === 'SPECIAL') {
          need(found, 'explanation');
          need(found, 'deadline');
          // The cap the server applies, said next to the field before the step is queued (a refusal would come later).
          const problem = !found.deadline && specialDeadlineProblem(fields.deadline, now, rules.specialDeadlineMaxDays);
          if (problem === 'DEADLINE_TOO_FAR') found.deadline = t('errors.deadlineTooFar', { date: latestDeadline, days: rules.specialDeadlineMaxDays });
          if (problem === 'DEADLINE_IN_PAST') found.deadline = t('errors.deadlineInPast');
          return Object.keys(found).length ? found : { type: 'DECIDE', path, explanation: fields.explanation.trim(), deadline: fields.deadline };
        }
        if (path === 'NOT_ADOPTED') {
          need(found, 'evidence');
          need(found, 'approverId');
          return Object.keys(found).length
            ? found
            : { type: 'DECIDE', path, reason: (fields.reason ?? 'MISTAKEN') as (typeof NOT_ADOPTED_REASONS)[number], evidence: fields.evidence.trim(), approverId: fields.approverId };
        }
        return { type: 'DECIDE', path: path as 'FIX_NOW' | 'FIX_WITHIN_5', note: fields.note?.trim() || undefined };
      }
      case 'RECTIFY':
        need(found, 'what');
        return Object.keys(found).length ? found : { type: 'RECTIFY', what: fields.what.trim() };
      case 'REPLY':
        need(found, 'text');
        return Object.keys(found).length ? found : { type: 'REPLY', channel, text: fields.text.trim() };
      case 'REOPEN':
        need(found, 'reason');
        return Object.keys(found).length ? found : { type: 'REOPEN', reason: fields.reason.trim() };
      case 'CLOSE':
        return { type: 'CLOSE' };
      case 'APPROVE':
        return { type: 'APPROVE' };
      case 'REFUSE_APPROVAL':
        need(found, 'refuseReason');
        return Object.keys(found).length ? found : { type: 'REFUSE_APPROVAL', reason: fields.refuseReason.trim() };
    }
  };
  const submit = async (kind: Kind) => {
    const built = build(kind);
    if (!('type' in built)) return setErrors(built);
    setBusy(true);
    try {
      await onAct(built as CaseAction);
      setOpen(null);
      setFields({});
      setErrors({});
    } finally {
      setBusy(false);
    }
  };

  const input = (name: string, label: string, kind: 'text' | 'textarea' | 'date' = 'text', hint?: string, range?: { min: string; max: string }) => (
    <div className="text-field">
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      {kind === 'textarea' ? (
        <textarea id={`${uid}-${name}`} rows={2} value={fields[name] ?? ''} onChange={set(name)} aria-invalid={!!errors[name]} aria-describedby={errors[name] ? `${uid}-${name}-e` : undefined} />
      ) : (
        <input id={`${uid}-${name}`} type={kind} {...range} value={fields[name] ?? ''} onChange={set(name)} aria-invalid={!!errors[name]} aria-describedby={errors[name] ? `${uid}-${name}-e` : hint ? `${uid}-${name}-h` : undefined} />
      )}
      {hint && (
        <p className="hint" id={`${uid}-${name}-h`}>
          {hint}
        </p>
      )}
      <FieldError id={`${uid}-${name}-e`} message={errors[name]} />
    </div>
  );
  const select = (name: string, label: string, options: [string, string][], fallback: string, hint?: string) => (
    <div className="text-field">
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      <select id={`${uid}-${name}`} value={fields[name] ?? fallback} onChange={set(name)} aria-invalid={!!errors[name]} aria-describedby={errors[name] ? `${uid}-${name}-e` : undefined}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {hint && <p className="hint">{hint}</p>}
      <FieldError id={`${uid}-${name}-e`} message={errors[name]} />
    </div>
  );
  const channels = CONTACT_CHANNELS.map((c) => [c, t(`channels.${c}`)] as [string, string]);
  const path = fields.path ?? 'FIX_WITHIN_5';

  return (
    <div className="case-actions">
      {available.map((kind) => (
        <button
          key={kind}
          type="button"
          className={kind === 'CLOSE' || kind === 'APPROVE' ? 'primary' : undefined}
          aria-expanded={kind === 'APPROVE' ? undefined : open === kind}
          onClick={() => (kind === 'APPROVE' ? void submit(kind) : setOpen(open === kind ? null : kind))}
          disabled={busy}
        >
          {t(`actions.${kind}`)}
        </button>
      ))}
      {open === 'CLOSE' && (
        <div className="case-close-confirm" role="group" aria-labelledby={`${uid}-close-question`}>
          <p id={`${uid}-close-question`}>{t('closeConfirm.question')}</p>
          <div className="form-actions">
            <button ref={cancelClose} type="button" className="secondary" onClick={() => setOpen(null)}>
              {t('cancel')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void submit('CLOSE')}>
              {t('closeConfirm.yes')}
            </button>
          </div>
        </div>
      )}
      {open && open !== 'CLOSE' && open !== 'APPROVE' && (
        <form
          className="case-action-form"
          aria-label={t(`actions.${open}`)}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit(open);
          }}
        >
          {open === 'CALL_BACK' && (
            <>
              {select('channel', t('fields.channel'), channels, 'PHONE')}
              {select('outcome', t('fields.outcome'), [['REACHED', t('outcomes.REACHED')], ['UNREACHABLE', t('outcomes.UNREACHABLE')]], 'REACHED')}
              {input('note', t('fields.note'), 'textarea')}
            </>
          )}
          {open === 'DECIDE' && (
            <>
              {select('path', t('fields.path'), (['FIX_NOW', 'FIX_WITHIN_5', 'SPECIAL', 'NOT_ADOPTED'] as const).map((p) => [p, t(`paths.${p}`)]), 'FIX_WITHIN_5')}
              {path === 'SPECIAL' && (
                <>
                  {input('explanation', t('fields.explanation'), 'textarea')}
                  {input('deadline', t('fields.deadline'), 'date', t('fields.deadlineHint', { date: latestDeadline }), { min: cstDate(now), max: latestDeadline })}
                </>
              )}
              {path === 'NOT_ADOPTED' && (
                <>
                  {select('reason', t('fields.reason'), NOT_ADOPTED_REASONS.map((r) => [r, t(`notAdopted.${r}`)]), 'MISTAKEN')}
                  {input('evidence', t('fields.evidence'), 'textarea')}
                  {select(
                    'approverId',
                    t('fields.approver'),
                    // The one rule the server checks: this window's lead or supervision, never the person rated.
                    [['', t('fields.choose')], ...approvers.filter((a) => a.roles && mayApproveCase(a, facts)) /* a list cached before roles were sent offers none */.map((a) => [a.id, `${a.name}（${a.employeeNo}）`] as [string, string])],
                    '',
                    t('fields.approverHint'),
                  )}
                </>
              )}
              {(path === 'FIX_NOW' || path === 'FIX_WITHIN_5') && input('note', t('fields.note'), 'textarea')}
            </>
          )}
          {open === 'RECTIFY' && input('what', t('fields.what'), 'textarea')}
          {open === 'REPLY' && (
            <>
              {select('channel', t('fields.channel'), channels, 'PHONE')}
              {input('text', t('fields.replyText'), 'textarea')}
            </>
          )}
          {open === 'REOPEN' && input('reason', t('fields.reopenReason'), 'textarea')}
          {open === 'REFUSE_APPROVAL' && input('refuseReason', t('fields.refuseReason'), 'textarea')}
          <div className="form-actions">
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {t('save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
