import { useTranslation } from 'react-i18next';
import type { PublicTrend } from '../domain/public-api';
import { formatPercent } from './public-view';

/**
 * Twelve months as CSS bars: the bar is the satisfaction rate (a month without ratings has none, shown "—"), the
 * number under it the month's ratings. Every value is written out, so the chart reads without seeing it.
 */
export function TrendBars({ trend }: { trend: PublicTrend }) {
  const { t } = useTranslation('public');
  return (
    <ol className="public-trend" aria-label={t('trend.caption')}>
      {trend.months.map((m) => {
        const pct = m.satisfaction.percent;
        return (
          <li key={m.month} data-month={m.month}>
            <span className="public-trend-value">{pct === null ? '—' : `${formatPercent(pct)}%`}</span>
            <span className="public-trend-track" aria-hidden="true">
              <span className="public-trend-bar" style={{ height: `${pct ?? 0}%` }} />
            </span>
            <span className="public-trend-month">{t('trend.monthShort', { month: Number(m.month.slice(5)) })}</span>
            <span className="public-trend-total">{t('trend.total', { n: m.total })}</span>
          </li>
        );
      })}
    </ol>
  );
}
