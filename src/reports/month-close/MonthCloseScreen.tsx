import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../account/error-text';
import type { Me } from '../../domain/account-api';
import { cstDate } from '../../domain/time';
import { lastOnTimeDay, monthLabel } from './labels';
import { useMonthCloses } from './use-month-closes';
import { MonthCloseDetail } from './MonthCloseDetail';
import './month-close.css';

/**
 * /reports → 月度报送 (issue 15), for the office: the months to close with their status (due, overdue, submitted,
 * submitted late) and how many ratings changed since each one's latest version; one month's versions, figures and
 * corrections, and its submission.
 */
export default function MonthCloseScreen(_: { me: Me }) {
  const { t } = useTranslation('monthClose');
  const list = useMonthCloses({ corrections: true });
  const [month, setMonth] = useState<string | null>(null);
  const months = list.data?.months ?? [];
  // The month the office most likely came for: the newest one not yet submitted, else the newest.
  const shown = month ?? list.data?.reminder[0]?.month ?? months[0]?.month ?? null;
  return (
    <section className="month-close" data-testid="month-close">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {list.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, list.error)}
        </p>
      )}
      {months.length > 0 && (
        <table data-testid="month-close-months">
          <caption>{t('months.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('months.month')}</th>
              <th scope="col">{t('months.status')}</th>
              <th scope="col">{t('months.deadline')}</th>
              <th scope="col">{t('months.latest')}</th>
              <th scope="col">{t('months.corrections')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} aria-selected={m.month === shown} data-month={m.month}>
                <th scope="row">{monthLabel(t, m.month)}</th>
                <td className={`status-${m.status}`}>{t(`status.${m.status}`)}</td>
                <td>{lastOnTimeDay(m.deadline)}</td>
                <td>{m.latest ? `${t('months.version', { version: m.latest.version })} · ${cstDate(m.latest.submittedAt)}` : t('months.none')}</td>
                <td data-testid="month-corrections">{m.corrections === null ? t(m.latest ? 'months.notChecked' : 'months.none') : m.corrections > 0 ? t('hasCorrections', { count: m.corrections }) : t('noCorrections')}</td>
                <td>
                  <button type="button" onClick={() => setMonth(m.month)} aria-pressed={m.month === shown}>
                    {t('months.show')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && <MonthCloseDetail key={shown} month={shown} onListChanged={() => void list.reload()} />}
    </section>
  );
}
