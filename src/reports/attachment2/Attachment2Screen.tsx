import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../domain/account-api';
import type { Attachment2Response } from '../../domain/figures/attachment2-api';
import { monthOfCst } from '../../domain/figures/month';
import { REPORT_PATHS } from '../../domain/figures/reports-api';
import { reportScope } from '../../domain/roles';
import { formatCstMinute } from '../../domain/time';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { useResource } from '../../account/useResource';
import { useLabel } from '../../admin/shared/useLabel';
import { Attachment2Table } from './Attachment2Table';
import './attachment2.css';

/** The month before this one on the China clock: the month a hall reports on. */
function previousMonth(now = Date.now()): string {
  const [y, m] = monthOfCst(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const reportUrl = (month: string, unitId: string, format: 'json' | 'csv' | 'xlsx') =>
  `${REPORT_PATHS.attachment2}?month=${month}${unitId ? `&unitId=${encodeURIComponent(unitId)}` : ''}&format=${format}`;

/**
 * /reports → 附件2 评价数据统计表 (issue 15): a month and a unit (a lead: their window, fixed by the server), the
 * table, the XLSX and CSV downloads (plain links to the API: the browser saves what the server names), and a print
 * view fitted to A4 landscape (attachment2.css).
 */
export default function Attachment2Screen({ me }: { me: Me }) {
  const { t } = useTranslation('reports');
  const label = useLabel();
  const lead = reportScope(me)?.kind === 'window';
  const [month, setMonth] = useState(previousMonth);
  const [unitId, setUnitId] = useState('');
  const report = useResource(() => apiRequest<Attachment2Response>('GET', reportUrl(month, unitId, 'json')), [month, unitId]);
  const data = report.data;
  const scopeWindow = data?.scope.kind === 'window' ? data.names.windows.find((w) => w.id === (data.scope as { windowId: string }).windowId) : undefined;
  const scopeName = scopeWindow
    ? `${scopeWindow.number} ${label(scopeWindow.name)}`
    : data?.scope.unitId
      ? label(data.names.units.find((u) => u.id === data.scope.unitId)?.name ?? { 'zh-CN': data.scope.unitId, en: data.scope.unitId, bo: data.scope.unitId })
      : t('attachment2.allUnits');

  return (
    <section className="a2-screen" aria-labelledby="a2-heading">
      <h1 id="a2-heading">{t('attachment2.heading')}</h1>
      <form className="a2-controls no-print" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('attachment2.month')}{' '}
          <input type="month" value={month} required max={monthOfCst(Date.now())} onChange={(e) => e.target.value && setMonth(e.target.value)} data-testid="a2-month" />
        </label>
        {lead ? (
          <p className="a2-fixed-scope">{t('attachment2.leadScope', { window: scopeName })}</p>
        ) : (
          <label>
            {t('attachment2.unit')}{' '}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="a2-unit">
              <option value="">{t('attachment2.allUnits')}</option>
              {data?.names.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {label(u.name)}
                </option>
              ))}
            </select>
          </label>
        )}
        <a className="a2-button" href={reportUrl(month, unitId, 'xlsx')} download data-testid="a2-xlsx">
          {t('attachment2.downloadXlsx')}
        </a>
        <a className="a2-button" href={reportUrl(month, unitId, 'csv')} download data-testid="a2-csv">
          {t('attachment2.downloadCsv')}
        </a>
        <button type="button" className="a2-button" onClick={() => window.print()} data-testid="a2-print">
          {t('attachment2.print')}
        </button>
      </form>
      {report.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, report.error)}
        </p>
      )}
      {data && (
        <>
          <p className="a2-meta" data-testid="a2-meta">
            <span>{t('attachment2.scopeLine', { scope: scopeName })}</span>
            <span>{t('attachment2.monthLine', { month: data.month })}</span>
            <span>{t('attachment2.generatedAt', { time: formatCstMinute(data.generatedAt) })}</span>
          </p>
          {data.rows.length === 0 || (data.rows[0]!.total === 0 && data.rows[0]!.invalid === 0) ? (
            <p className="staff-empty" data-testid="a2-empty">{t('attachment2.empty')}</p>
          ) : (
            <Attachment2Table data={data} />
          )}
          <p className="a2-note no-print">{t('attachment2.rateNote')}</p>
          <div className="a2-sign-off" aria-hidden="true">
            <span>{t('attachment2.preparedBy')}</span>
            <span>{t('attachment2.reviewedBy')}</span>
            <span>{t('attachment2.date')}</span>
            <span className="a2-seal">{t('attachment2.seal')}</span>
          </div>
        </>
      )}
    </section>
  );
}
