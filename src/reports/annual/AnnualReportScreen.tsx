import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { useResource } from '../../account/useResource';
import type { Me } from '../../domain/account-api';
import type { AnnualReport } from '../../domain/figures/annual-api';
import { reportScope } from '../../domain/roles';
import { REPORT_PATHS } from '../../domain/figures/reports-api';
import { CST_OFFSET_MS, formatCstMinute } from '../../domain/time';
import { currentLocale } from '../../i18n';
import { namesOf } from './annual-names';
import { AnnualUnitSection } from './AnnualUnitSection';
import { SubtotalLine } from './SubtotalLine';
import './annual.css';

const YEARS_BACK = 10;
/**
 * Above this many bad reviews across all units, the screen lists each unit's subtotal and lets one unit be opened:
 * a province's year (20,000 reviews) would be hundreds of thousands of elements. The XLSX always holds them all.
 */
const LIST_ALL_MAX = 1_500;

/**
 * /reports → 年度整改报告 (issue 15): every bad review of a year with its four records, grouped by unit and window,
 * with subtotals; the XLSX from the server and a print view (A4 landscape, each unit on a new page). The year
 * defaults to the current one on the China clock; in December the screen reminds that the report is due.
 */
export default function AnnualReportScreen({ me }: { me: Me }) {
  const { t } = useTranslation(['annual', 'staff']);
  const now = new Date(Date.now() + CST_OFFSET_MS);
  const thisYear = now.getUTCFullYear();
  const [year, setYear] = useState(thisYear);
  const [unitId, setUnitId] = useState('');
  const query = `year=${year}${unitId ? `&unitId=${encodeURIComponent(unitId)}` : ''}`;
  const report = useResource(() => apiRequest<AnnualReport>('GET', `${REPORT_PATHS.annual}?${query}`, undefined, { timeoutMs: 120_000 }), [query]);
  const data = report.data;
  const names = data ? namesOf(data.refs, currentLocale()) : null;
  // A lead sees their own window only (the server narrows it): no unit to pick.
  const lead = reportScope(me)?.kind === 'window';
  return (
    <section className="annual-screen" aria-labelledby="annual-title">
      <h1 id="annual-title" className="annual-title">
        {t('reportTitle', { year })}
        {data?.unitId && names ? `（${names.unit(data.unitId)}）` : ''}
      </h1>
      {now.getUTCMonth() === 11 && year === thisYear && (
        <p className="annual-reminder no-print" role="note" data-testid="annual-reminder">
          {t('decemberReminder', { year: thisYear })}
        </p>
      )}
      {lead && <p className="hint no-print">{t('leadScope')}</p>}
      <div className="annual-toolbar no-print">
        <label>
          {t('year')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {Array.from({ length: YEARS_BACK }, (_, i) => thisYear - i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {!lead && (
          <label>
            {t('unit')}{' '}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('allUnits')}</option>
              {names && data?.refs.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {names.unit(u.id)}
                </option>
              ))}
            </select>
          </label>
        )}
        <a className="annual-button" href={`${REPORT_PATHS.annual}?${query}&format=xlsx`} download>
          {t('downloadXlsx')}
        </a>
        <button type="button" className="annual-button" onClick={() => window.print()} disabled={!data}>
          {t('print')}
        </button>
      </div>
      {report.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, report.error)}
        </p>
      )}
      {report.loading && !data && <p className="page-loading">{t('loading')}</p>}
      {data && names && (
        <>
          <p className="annual-generated">{t('generatedAt', { when: formatCstMinute(data.generatedAt) })}</p>
          <SubtotalLine subtotal={data.total} total />
          {data.units.length === 0 && <p className="staff-empty">{t('empty', { year: data.year })}</p>}
          {data.unitId === null && data.total.total > LIST_ALL_MAX ? (
            <>
              <p className="hint no-print">{t('tooManyForAll', { count: data.total.total })}</p>
              {data.units.map((u) => (
                <section key={u.unitId} className="annual-unit annual-unit-summary" data-unit-id={u.unitId}>
                  <h2>{names.unit(u.unitId)}</h2>
                  <SubtotalLine subtotal={u.subtotal} />
                  <button type="button" className="annual-button no-print" onClick={() => setUnitId(u.unitId)}>
                    {t('openUnit')}
                  </button>
                </section>
              ))}
            </>
          ) : (
            data.units.map((u) => <AnnualUnitSection key={u.unitId} unit={u} names={names} year={data.year} />)
          )}
        </>
      )}
    </section>
  );
}
