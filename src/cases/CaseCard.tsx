import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import type { CaseListResponse } from '../domain/case-api';
import type { CaseAction } from '../domain/case-machine';
import { formatCstMinute } from '../domain/time';
import { RatingCard } from '../staff/RatingCard';
import { CaseActions } from './CaseActions';
import { stageLabelKey } from './stage-label';
import type { CaseEntry } from './useCases';

const minutes = formatCstMinute;

/** One bad review's case: the review, where the case stands, its deadlines, its history and the next steps. */
interface Props {
  entry: CaseEntry;
  response: CaseListResponse;
  me: Me;
  offline: boolean;
  onAct: (a: CaseAction, e: CaseEntry) => Promise<void>;
  onDiscard: (actionId: string) => Promise<void>;
  /** Opened by a link (/staff?case=<id>): marked, and scrolled to by the list. */
  focused?: boolean;
}

export function CaseCard({ entry, response, me, offline, onAct, onDiscard, focused = false }: Props) {
  const { t, i18n } = useTranslation('cases');
  const { view, state, status, local } = entry;
  const due = (d: { date: string; certain: boolean } | null) => (d ? (d.certain ? d.date : t('uncertain', { date: d.date })) : t('notNeeded'));
  // Someone else acted on the case first (CASE_CHANGED) or the step no longer fits: said in the person's language.
  const refusalText = (code?: string) => t(`refusals.${code && i18n.exists(`cases:refusals.${code}`) ? code : 'OTHER'}`, { code });
  const nameOf = (id: string) => response.refs.staff.find((s) => s.id === id)?.name ?? response.approvers.find((a) => a.id === id)?.name ?? id;
  return (
    <section
      className={`case-card${status.overdue.length ? ' case-overdue' : ''}${focused ? ' case-focused' : ''}`}
      data-case-id={view.facts.id}
      data-stage={state.stage}
      data-focused={focused || undefined}
      tabIndex={focused ? -1 : undefined}
      aria-label={t('caseOf', { time: minutes(view.facts.receivedAt) })}>
      <header className="case-head">
        <strong className="case-stage">{t(`stages.${stageLabelKey(view.facts, state)}`)}</strong>
        {status.overdue.map((o) => (
          <span key={o} className="overdue-badge">
            {t(`overdue.${o}`)}
          </span>
        ))}
        {view.facts.anonymous && <span className="hint">{t('anonymous')}</span>}
      </header>
      <dl className="case-deadlines">
        <dt>{t('due.callBack')}</dt>
        <dd>{due(status.callBackDue)}</dd>
        <dt>{t('due.fix')}</dt>
        <dd>{due(status.fixDue)}</dd>
        {status.missing.length > 0 && (
          <>
            <dt>{t('missing')}</dt>
            <dd data-testid="case-missing">{status.missing.map((m) => t(`requirements.${m}`)).join(t('listSeparator'))}</dd>
          </>
        )}
      </dl>
      {state.stage === 'AWAITING_APPROVAL' && state.decision && <PendingApproval decision={state.decision.action} nameOf={nameOf} />}
      <RatingCard item={view.rating} refs={response.refs} offline={offline} />
      {(view.events.length > 0 || local.length > 0) && (
        <ol className="case-history">
          {view.events.map((e) => (
            <li key={e.id}>
              {minutes(e.at)} · {nameOf(e.by)} · {t(`actions.${e.action.type}`)}
              {e.action.type === 'DECIDE' && ` · ${t(`paths.${e.action.path}`)}`}
              {e.action.type === 'CALL_BACK' && ` · ${t(`outcomes.${e.action.outcome}`)}`}
            </li>
          ))}
          {local.map((l) => (
            <li key={l.record.id} className={l.state === 'pending' ? 'case-local' : 'case-conflict'} role={l.state === 'pending' ? undefined : 'alert'}>
              {minutes(l.record.at)} · {t(`actions.${l.record.action.type}`)} · {l.state === 'pending' ? t('waitingUpload') : t('refused', { reason: refusalText(l.error?.code) })}
              {l.state !== 'pending' && (
                <button type="button" className="secondary small" onClick={() => void onDiscard(l.record.id)}>
                  {t('discard')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <CaseActions me={me} facts={view.facts} state={state} approvers={response.approvers} rules={response.rules} onAct={(a) => onAct(a, entry)} />
    </section>
  );
}

/** What waits for approval, so the approver sees what they approve (and the handler, for whom it waits). */
function PendingApproval({ decision, nameOf }: { decision: Extract<CaseAction, { type: 'DECIDE' }>; nameOf: (id: string) => string }) {
  const { t } = useTranslation('cases');
  if (decision.path === 'NOT_ADOPTED') {
    return (
      <p className="note" data-testid="case-pending-approval">
        {t('pending.NOT_ADOPTED', { name: nameOf(decision.approverId), reason: t(`notAdopted.${decision.reason}`), evidence: decision.evidence })}
      </p>
    );
  }
  if (decision.path === 'SPECIAL') {
    return (
      <p className="note" data-testid="case-pending-approval">
        {t('pending.SPECIAL', { deadline: decision.deadline, explanation: decision.explanation })}
      </p>
    );
  }
  return null;
}
