import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import type { CaseAction } from '../domain/case-machine';
import { uuidv7 } from '../domain/ids';
import { formatCstIso, formatCstMinute } from '../domain/time';
import { useAppServices } from '../app-context';
import { caseListNeedsReload, discardCaseAction, queueCaseAction } from '../data/case-actions';
import { readClockOffset } from '../data/kiosk-store';
import { mayTakeApproval } from '../domain/roles';
import { errorText } from '../account/error-text';
import { AbandonedTapsLine } from './AbandonedTapsLine';
import { CaseCard } from './CaseCard';
import { useCases, type CaseEntry } from './useCases';
import './cases.css';

/**
 * "My bad reviews" for window staff (soonest due first); every open case of the window or of all units for
 * leads and supervision (overdue first), with the call-back rate of real-name bad reviews.
 */
export function CasesScreen({ me, arrivals, focusCaseId }: { me: Me; arrivals: number; focusCaseId?: string }) {
  const { t } = useTranslation('cases');
  const { db, sync } = useAppServices();
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const cases = useCases(db, me, now);
  const [showClosed, setShowClosed] = useState(false);
  // A closed case leaves the open list at once: this says so, and where to find it, until the clerk dismisses it.
  const [closedNote, setClosedNote] = useState<string | null>(null);
  const { reload } = cases;
  // A new bad review arrived (the poll in the view bar saw it): show it without waiting for a tap on 刷新.
  useEffect(() => {
    if (arrivals > 0) void reload();
  }, [arrivals, reload]);

  const act = async (action: CaseAction, entry: CaseEntry) => {
    // Stamped on the server's clock as last measured: the server refuses a step dated before the case or ahead of it.
    const offset = await readClockOffset(db);
    const id = uuidv7();
    await queueCaseAction(db, { id, caseId: entry.view.facts.id, baseVersion: entry.state.version, action, by: me.id, at: Date.now() + offset });
    setClosedNote(action.type === 'CLOSE' ? formatCstMinute(entry.view.facts.receivedAt) : null);
    await sync.trigger('submit');
    // The push's answer has brought the list up to date (one round trip); downloaded only when it could not.
    if (await caseListNeedsReload(db, id, me.id)) await cases.reload();
  };

  const staffOnly = !me.roles.some((r) => r === 'LEAD' || r === 'SUPERVISION');
  const open = cases.entries.filter((e) => e.state.stage !== 'CLOSED');
  // Decisions waiting for this person's approval come first: until approved, their cases cannot move on.
  const awaitsMe = (e: CaseEntry) => (e.state.stage === 'AWAITING_APPROVAL' && !!e.state.decision && mayTakeApproval(me, e.view.facts, e.state.decision.action) ? 1 : 0);
  // A case opened by a link (/staff?case=<id>, e.g. from the rankings' evidence) shows even when closed, first.
  const linked = cases.entries.find((e) => e.view.facts.id === focusCaseId);
  const scrolled = useRef(false);
  useEffect(() => {
    if (!linked || scrolled.current) return;
    scrolled.current = true;
    const card = document.querySelector<HTMLElement>(`[data-case-id="${CSS.escape(linked.view.facts.id)}"]`);
    card?.scrollIntoView({ block: 'start' });
    card?.focus({ preventScroll: true });
  }, [linked]);
  const listed = showClosed ? cases.entries : open;
  const shown = [...(linked && !listed.includes(linked) ? [linked, ...listed] : listed)].sort((a, b) => {
    if (a === linked || b === linked) return a === linked ? -1 : 1;
    if (awaitsMe(a) !== awaitsMe(b)) return awaitsMe(b) - awaitsMe(a);
    // Leads and supervision see the overdue first; everyone then sees the soonest due first.
    if (!staffOnly && a.status.overdue.length !== b.status.overdue.length) return b.status.overdue.length - a.status.overdue.length;
    return (a.status.nextDueMs ?? Infinity) - (b.status.nextDueMs ?? Infinity);
  });
  const realName = cases.entries.filter((e) => !e.view.facts.anonymous);
  const calledBack = realName.filter((e) => e.state.calledBack).length;
  const overdue = open.filter((e) => e.status.overdue.length > 0).length;
  const uncertain = open.some((e) => !e.status.certain);

  return (
    <section className="cases-screen">
      <div className="ratings-toolbar">
        <h1>{staffOnly ? t('titleOwn') : t('titleScope')}</h1>
        <label className="toggle">
          <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> {t('showClosed')}
        </label>
        <button type="button" onClick={() => void cases.reload()}>
          {t('reload')}
        </button>
      </div>
      <p className="case-figures" data-testid="case-figures" data-open={open.length} data-overdue={overdue}>
        {t('figures', { open: open.length, overdue })}{' '}
        {realName.length > 0 && t('callBackRate', { rate: Math.round((100 * calledBack) / realName.length), done: calledBack, all: realName.length })}
      </p>
      {/* Always in the page, so a screen reader hears the message put into it. */}
      <div role="status" className="case-closed-status">
        {closedNote && (
          <p className="case-closed-note" data-testid="case-closed-note">
            {t('closedNote.text', { time: closedNote })}{' '}
            <button type="button" className="secondary" onClick={() => setClosedNote(null)}>
              {t('closedNote.seen')}
            </button>
          </p>
        )}
      </div>
      <AbandonedTapsLine me={me} refresh={arrivals} />
      {uncertain && <p className="note">{t('uncertainNote')}</p>}
      {cases.fromCache && cases.fetchedAt && <p className="offline-note">{t('offlineCopy', { time: formatCstIso(cases.fetchedAt).slice(11, 16) })}</p>}
      {cases.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, cases.error)}
        </p>
      )}
      {cases.response && shown.length === 0 && <p className="staff-empty">{t('none')}</p>}
      {cases.response && shown.map((entry) => <CaseCard key={entry.view.facts.id} focused={entry === linked} entry={entry} response={cases.response!} me={me} offline={cases.fromCache} onAct={act} onDiscard={(id) => discardCaseAction(db, id)} />)}
    </section>
  );
}
