import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinPeriod, Concentration } from '../../domain/figures/bulletin-api';
import ChartCanvas from './ChartCanvas';

// The bulletin's charts (Chart.js configurations); each has a table of the same figures beside it.

const BLUE = '#1d4ed8';
const RED = '#dc2626';
const LEVEL_COLOURS = ['#15803d', '#4ade80', '#a3e635', '#f59e0b', '#dc2626'];
const percentAxis = { min: 0, max: 100, ticks: { callback: (v: string | number) => `${v}%` } };

/** Satisfaction and bad rate by month (a 0/0 month is a gap, never 100 %). */
export function TrendChart({ period, monthName }: { period: BulletinPeriod; monthName: (m: string) => string }) {
  const { t } = useTranslation('bulletin');
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'line',
      data: {
        labels: period.months.map((m) => monthName(m.month)),
        datasets: [
          { label: t('col.satisfaction'), data: period.months.map((m) => m.satisfaction.percent), borderColor: BLUE, backgroundColor: BLUE, yAxisID: 'y' },
          { label: t('col.badRate'), data: period.months.map((m) => m.badRate.percent), borderColor: RED, backgroundColor: RED, yAxisID: 'bad' },
        ],
      },
      options: {
        scales: { y: { ...percentAxis, position: 'left' }, bad: { min: 0, position: 'right', ticks: { callback: (v) => `${v}%` }, grid: { drawOnChartArea: false } } },
      },
    }),
    [period, monthName, t],
  );
  return <ChartCanvas config={config} label={t('charts.trend')} testId="chart-trend" />;
}

export function LevelChart({ period }: { period: BulletinPeriod }) {
  const { t } = useTranslation('bulletin');
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'doughnut',
      data: {
        labels: period.levels.map((l) => t(`levels.${l.level}`)),
        datasets: [{ data: period.levels.map((l) => l.count), backgroundColor: LEVEL_COLOURS }],
      },
      options: { plugins: { legend: { position: 'right' } } },
    }),
    [period, t],
  );
  return <ChartCanvas config={config} label={t('charts.levels')} testId="chart-levels" />;
}

/** Reasons as bars, most frequent first, and the cumulative share as a line on its own 0-100 % axis. */
export function ParetoChart({ period, reasonName }: { period: BulletinPeriod; reasonName: (key: string) => string }) {
  const { t } = useTranslation('bulletin');
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: period.reasons.map((r) => reasonName(r.key)),
        datasets: [
          { type: 'bar', label: t('col.mentions'), data: period.reasons.map((r) => r.count), backgroundColor: RED, yAxisID: 'y', order: 2, maxBarThickness: 48 },
          { type: 'line', label: t('col.cumulative'), data: period.reasons.map((r) => r.cumulative.percent), borderColor: BLUE, backgroundColor: BLUE, yAxisID: 'cum', order: 1 },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, cum: { ...percentAxis, position: 'right', grid: { drawOnChartArea: false } } },
      },
    }),
    [period, reasonName, t],
  );
  return <ChartCanvas config={config} label={t('charts.pareto')} testId="chart-pareto" />;
}

/** Bad reviews by service item or window (the ten with most), horizontal bars. */
export function ConcentrationChart({ rows, name, testId, label }: { rows: Concentration[]; name: (id: string | null) => string; testId: string; label: string }) {
  const { t } = useTranslation('bulletin');
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: rows.slice(0, 10).map((r) => name(r.id)),
        datasets: [{ label: t('col.bad'), data: rows.slice(0, 10).map((r) => r.bad), backgroundColor: RED, maxBarThickness: 28 }],
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
    }),
    [rows, name, t],
  );
  return <ChartCanvas config={config} label={label} testId={testId} />;
}
