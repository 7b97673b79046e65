import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, apiRequest } from '../account/api-client';
import { useAppServices } from '../app-context';
import { readPaperFormConfig, readPaperLastUploadAt } from '../data/paper-queue';
import type { Me } from '../domain/account-api';
import { pickLabel } from '../domain/locales';
import { PAPER_CHECK_PATHS, paperCheckConfirmPath, type PaperCheckConfirmation, type PaperCheckItem, type PaperChecksResponse } from '../domain/paper-check';
import { formatCstIso } from '../domain/time';
import { currentLocale } from '../i18n';

/** The server side of the check; a component test hands in its own. */
export interface PaperChecksApi {
  load(): Promise<PaperChecksResponse>;
  confirm(id: string): Promise<PaperCheckConfirmation>;
}
export const serverPaperChecks: PaperChecksApi = {
  load: () => apiRequest<PaperChecksResponse>('GET', PAPER_CHECK_PATHS.list),
  confirm: (id) => apiRequest<PaperCheckConfirmation>('POST', paperCheckConfirmPath(id)),
};

type Notice = { kind: 'checked'; caseNumber: string } | { kind: 'refused' } | { kind: 'offline' };

/**
 * The check (复核) from the checker's own session: the forms of this person's window typed in by someone else
 * (and not rating this person), each confirmed with one button; and this person's own forms, waiting for a check.
 * A form counts only once checked. Needs the network: the check is the server's record, not the tablet's.
 */
export function PaperChecks({ me, api = serverPaperChecks }: { me: Me; api?: PaperChecksApi }) {
  const { t } = useTranslation('form');
  const { db } = useAppServices();
  // The unit catalogue the form saved (useFormConfig), for the names of items and reasons; ids until it is there.
  const config = useLiveQuery(() => readPaperFormConfig(db, me.unitId), [db, me.unitId]);
  const uid = useId();
  const locale = currentLocale();
  const [data, setData] = useState<PaperChecksResponse | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  // Reloaded whenever the paper stream has uploaded: what was typed in here then shows as waiting for a check.
  const lastUpload = useLiveQuery(() => readPaperLastUploadAt(db), [db]);

  const load = useCallback(async () => {
    try {
      setData(await api.load());
      setNotice((n) => (n?.kind === 'offline' ? null : n));
    } catch {
      setNotice({ kind: 'offline' });
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load, lastUpload, me.id]);

  const confirm = async (item: PaperCheckItem) => {
    if (confirming) return;
    setConfirming(item.id);
    try {
      await api.confirm(item.id);
      setNotice({ kind: 'checked', caseNumber: item.caseNumber ?? '' });
    } catch (err) {
      setNotice(err instanceof ApiRequestError && !err.isNetwork ? { kind: 'refused' } : { kind: 'offline' });
    } finally {
      setConfirming(null);
      await load();
    }
  };

  const name = (id: string | null) => {
    const s = data?.staff.find((p) => p.id === id) ?? config?.staff.find((p) => p.id === id);
    return s ? `${s.name}（${t('fields.employeeNo', { no: s.employeeNo })}）` : (id ?? '—');
  };
  const itemName = (id: string) => {
    const i = config?.serviceItems.find((x) => x.id === id);
    return i ? `${i.code} · ${pickLabel(i.name, locale)}` : id;
  };
  const reasonText = (item: PaperCheckItem) =>
    item.reasons.map((k) => pickLabel(config?.reasons.find((r) => r.key === k)?.label ?? { 'zh-CN': k, en: k, bo: k }, locale)).join('、');
  const when = (ms: number) => formatCstIso(ms).slice(0, 16).replace('T', ' ');

  return (
    <section className="form-section paper-checks" aria-labelledby={`${uid}-checks`}>
      <h2 id={`${uid}-checks`}>{t('check.title')}</h2>
      {notice && (
        <p className={notice.kind === 'checked' ? 'form-saved' : 'status-problem'} role="status">
          {notice.kind === 'checked' ? t('check.done', { caseNumber: notice.caseNumber }) : t(`check.${notice.kind}`)}
        </p>
      )}
      <h3>{t('check.toCheckTitle')}</h3>
      {data && data.toCheck.length === 0 && <p className="hint">{t('check.noneToCheck')}</p>}
      <ul className="check-list">
        {data?.toCheck.map((item) => (
          <li key={item.id} data-testid="to-check" data-id={item.id}>
            <dl>
              <dt>{t('fields.caseNumber')}</dt>
              <dd>{item.caseNumber}</dd>
              <dt>{t('fields.serviceItem')}</dt>
              <dd>{itemName(item.serviceItemId)}</dd>
              <dt>{t('fields.staff')}</dt>
              <dd>{name(item.staffId)}</dd>
              <dt>{t('fields.serviceDate')}</dt>
              <dd>{item.serviceDate}</dd>
              <dt>{t('fields.level')}</dt>
              <dd>
                {t(`kiosk:level.${item.level}`)}
                {item.reasons.length > 0 && ` · ${reasonText(item)}`}
              </dd>
              {item.comment && (
                <>
                  <dt>{t('fields.comment')}</dt>
                  <dd>{item.comment}</dd>
                </>
              )}
              {item.contact && (
                <>
                  <dt>{t('sections.evaluator')}</dt>
                  <dd>{[item.contact.name, item.contact.phone, item.contact.company].filter(Boolean).join(' · ')}</dd>
                </>
              )}
              <dt>{t('fields.enteredBy')}</dt>
              <dd>
                {name(item.enteredBy)} · {when(item.receivedAt)}
              </dd>
            </dl>
            <button type="button" className="primary" disabled={confirming !== null} onClick={() => void confirm(item)}>
              {t('check.confirm')}
            </button>
          </li>
        ))}
      </ul>
      <h3>{t('check.mineTitle')}</h3>
      {data && data.mine.length === 0 && <p className="hint">{t('check.noneMine')}</p>}
      <ul className="check-list">
        {data?.mine.map((item) => (
          <li key={item.id} data-testid="mine-waiting" data-id={item.id}>
            {item.caseNumber} · {name(item.staffId)} · {t(`kiosk:level.${item.level}`)} <span className="status-waiting">{t('check.waiting')}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={() => void load()}>
        {t('check.refresh')}
      </button>
    </section>
  );
}
