import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../account/api-client';
import { errorText } from '../account/error-text';
import { useAppServices } from '../app-context';
import type { Me } from '../domain/account-api';
import { pickLabel } from '../domain/locales';
import { formatCstIso, formatCstMinute } from '../domain/time';
import { discardTabletServiceCase } from '../data/tablet-service-cases';
import { useFormConfig } from '../form/useFormConfig';
import { currentLocale } from '../i18n';
import { ServiceCaseDetail, entryFacts } from './ServiceCaseDetail';
import { ServiceCaseForm } from './ServiceCaseForm';
import { useServiceCases, type ServiceCaseEntry } from './useServiceCases';
import './service-cases.css';

/** The line's state: sent (the server's), waiting on this tablet, or refused by the server with its reason. */
function EntryState({ entry }: { entry: ServiceCaseEntry }) {
  const { t } = useTranslation('serviceCases');
  if (entry.kind === 'server') return null;
  const { state, error } = entry.local;
  if (state === 'pending') return <span className="badge badge-waiting">{t('list.notSent')}</span>;
  return (
    <span className="badge badge-refused">
      {t('list.refused')}
      {error && `: ${errorText(t, new ApiRequestError(400, error.code, error.message))}`}
    </span>
  );
}

/**
 * 办件 for window staff: their own of today (a lead: the window's), the ones typed in here and not yet sent on top;
 * each opens to invite a rating at the kiosk or by phone. New ones are typed in below, offline like a paper form.
 */
export function ServiceCasesScreen({ me }: { me: Me }) {
  const { t } = useTranslation('serviceCases');
  const { db } = useAppServices();
  const { config, failed } = useFormConfig(db, me.unitId);
  const cases = useServiceCases(db, me);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const locale = currentLocale();
  const itemName = useCallback(
    (id: string) => {
      const item = config?.serviceItems.find((i) => i.id === id);
      return item ? pickLabel(item.name, locale) : id;
    },
    [config, locale],
  );
  const opened = cases.entries.find((e) => entryFacts(e).key === openKey);
  if (opened) return <ServiceCaseDetail entry={opened} itemName={itemName} onClose={() => setOpenKey(null)} />;
  const windowId = me.windowId;

  return (
    <section className="service-cases-screen">
      <div className="ratings-toolbar">
        <h1>{me.roles.includes('LEAD') ? t('titleWindow') : t('titleOwn')}</h1>
        {windowId && (
          <button type="button" className="primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
            {t('list.add')}
          </button>
        )}
        <button type="button" onClick={() => void cases.reload()}>
          {t('list.reload')}
        </button>
      </div>
      {saved !== null && (
        <p className="form-saved" role="status">
          {t('form.saved', { caseNo: saved })}
        </p>
      )}
      {adding && windowId && config && (
        <ServiceCaseForm
          me={{ ...me, windowId }}
          config={config}
          onSaved={(caseNo) => {
            setSaved(caseNo);
            setAdding(false);
          }}
        />
      )}
      {adding && failed && <p className="form-failure">{t('form.noConfig')}</p>}
      {cases.fromCache && cases.loadedAt && <p className="offline-note">{t('list.offlineCopy', { time: formatCstIso(cases.loadedAt).slice(11, 16) })}</p>}
      {cases.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, cases.error)}
        </p>
      )}
      {cases.entries.length === 0 && cases.day !== undefined && <p className="staff-empty">{t('list.none')}</p>}
      <ul className="service-case-list" data-testid="service-case-list">
        {cases.entries.map((entry) => {
          const c = entryFacts(entry);
          return (
            <li key={c.key} data-testid="service-case-row" data-state={entry.kind === 'server' ? 'sent' : entry.local.state}>
              <button type="button" className="service-case-row" onClick={() => setOpenKey(c.key)}>
                <span className="service-case-no">{c.caseNo}</span>
                <span>{itemName(c.serviceItemId)}</span>
                <span>{t(`status.${c.status}`)}</span>
                <span>{formatCstMinute(c.acceptedAt).slice(11)}</span>
                <EntryState entry={entry} />
              </button>
              {entry.kind === 'local' && entry.local.state !== 'pending' && (
                <button type="button" className="secondary" onClick={() => void discardTabletServiceCase(db, entry.local.record.id)}>
                  {t('list.discard')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
