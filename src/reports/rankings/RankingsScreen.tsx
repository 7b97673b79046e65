import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { useNamespaces } from '../../account/useNamespace';
import { useResource } from '../../account/useResource';
import type { Me } from '../../domain/account-api';
import { API } from '../../domain/endpoints';
import { AWARD_LOST_MIN_ADOPTED_BAD } from '../../domain/figures/rankings';
import type { RankingsResponse } from '../../domain/figures/rankings-api';
import { hasPermission } from '../../domain/roles';
import { cstDate, formatCstMinute } from '../../domain/time';
import { currentLocale } from '../../i18n';
import { namer } from './ranking-names';
import { RankingFlags } from './RankingFlags';
import { RankingTable, RunTable } from './RankingTables';
import './rankings.css';

/**
 * /reports → 排名与预警 (personnel and supervision): the flags first, each with the ratings behind it (and, for those
 * who read cases, a link to each case), then the year's and the quarter's rankings and the run's periods. Printable.
 */
export default function RankingsScreen({ me }: { me: Me }) {
  // Level and decision names are the kiosk's and the case card's own.
  const ready = useNamespaces('kiosk', 'cases');
  const { t } = useTranslation('rankings');
  const today = cstDate(Date.now());
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [quarter, setQuarter] = useState(Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
  const [query, setQuery] = useState({ year, quarter });
  const report = useResource(() => apiRequest<RankingsResponse>('GET', `${API.rankings.path}?year=${query.year}&quarter=${query.quarter}`), [query.year, query.quarter]);
  const data = report.data;
  const names = data ? namer(data.refs, currentLocale(), t) : null;
  return (
    <section className="rankings-screen" data-testid="rankings-screen">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <form
        className="rankings-period no-print"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.year === year && query.quarter === quarter) void report.reload();
          else setQuery({ year, quarter });
        }}
      >
        <label>
          {t('year')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {Array.from({ length: Math.max(6, thisYear - 2019) }, (_, i) => thisYear - i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('quarter')}{' '}
          <select value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('quarterOption', { quarter: q })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={report.loading}>
          {t('show')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()} disabled={!data}>
          {t('print')}
        </button>
      </form>
      {report.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, report.error)}
        </p>
      )}
      {report.loading && !data && <p className="page-loading">{t('loading')}</p>}
      {data && names && ready && (
        <div data-testid="rankings-report" data-year={data.year} data-quarter={data.quarter}>
          <p className="hint">
            {t('generatedAt', { time: formatCstMinute(data.generatedAt) })}{' '}
            {t('rules', {
              awardMin: AWARD_LOST_MIN_ADOPTED_BAD,
              percent: data.overSharePercent,
              run: data.settings.runLength,
              period: t(`periods.${data.settings.period}`),
              places: data.settings.bottomPlaces,
            })}
          </p>
          <RankingFlags data={data} names={names} canOpenCases={hasPermission(me, 'cases.read')} />
          <h2>{t('tables.year', { year: data.year })}</h2>
          <RankingTable title={t('tables.units')} entries={data.yearRanking.units} names={names} testId="year-units" />
          <RankingTable title={t('tables.windows')} entries={data.yearRanking.windows} names={names} testId="year-windows" />
          <h2>{t('tables.quarter', { year: data.year, quarter: data.quarter })}</h2>
          <RankingTable title={t('tables.units')} entries={data.quarterRanking.units} names={names} testId="quarter-units" />
          <RankingTable title={t('tables.windows')} entries={data.quarterRanking.windows} names={names} testId="quarter-windows" />
          <RunTable data={data} names={names} />
        </div>
      )}
    </section>
  );
}
