import { useTranslation } from 'react-i18next';
import type { BulletinPeriod, Concentration, RankRow } from '../../domain/figures/bulletin-api';
import { formatPercent } from '../../domain/figures/bulletin-summary';

// The figures of each chart as a table (what a screen reader and a printed page read), the previous quarter beside.

const pct = (r: { percent: number | null } | null | undefined) => formatPercent(r?.percent ?? null);
const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));

export function TrendTable({ current, previous, monthName, quarterName }: { current: BulletinPeriod; previous: BulletinPeriod; monthName: (m: string) => string; quarterName: (q: string) => string }) {
  const { t } = useTranslation('bulletin');
  const row = (label: string, f: BulletinPeriod['totals'], key: string, total = false) => (
    <tr key={key} className={total ? 'bulletin-total' : undefined}>
      <th scope="row">{label}</th>
      <td>{f.total}</td>
      <td>{pct(f.satisfaction)}</td>
      <td>{f.bad}</td>
      <td>{pct(f.badRate)}</td>
    </tr>
  );
  return (
    <table className="bulletin-table" data-testid="table-trend">
      <caption>{t('tables.trend')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.month')}</th>
          <th scope="col">{t('col.total')}</th>
          <th scope="col">{t('col.satisfaction')}</th>
          <th scope="col">{t('col.bad')}</th>
          <th scope="col">{t('col.badRate')}</th>
        </tr>
      </thead>
      <tbody>
        {current.months.map((m) => row(monthName(m.month), m, m.month))}
        {row(quarterName(current.quarter), current.totals, 'cur', true)}
        {row(quarterName(previous.quarter), previous.totals, 'prev', true)}
      </tbody>
    </table>
  );
}

export function LevelTable({ current }: { current: BulletinPeriod }) {
  const { t } = useTranslation('bulletin');
  return (
    <table className="bulletin-table" data-testid="table-levels">
      <caption>{t('tables.levels')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.level')}</th>
          <th scope="col">{t('col.count')}</th>
          <th scope="col">{t('col.share')}</th>
          <th scope="col">{t('col.previous')}</th>
        </tr>
      </thead>
      <tbody>
        {current.levels.map((l) => (
          <tr key={l.level}>
            <th scope="row">{t(`levels.${l.level}`)}</th>
            <td>{l.count}</td>
            <td>{pct(l.share)}</td>
            <td>{num(l.previous)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReasonTable({ current, reasonName }: { current: BulletinPeriod; reasonName: (key: string) => string }) {
  const { t } = useTranslation('bulletin');
  return (
    <table className="bulletin-table" data-testid="table-reasons">
      <caption>{t('tables.reasons', { mentions: current.reasonMentions, without: current.badWithoutReason })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.reason')}</th>
          <th scope="col">{t('col.mentions')}</th>
          <th scope="col">{t('col.share')}</th>
          <th scope="col">{t('col.cumulative')}</th>
          <th scope="col">{t('col.previous')}</th>
        </tr>
      </thead>
      <tbody>
        {current.reasons.map((r) => (
          <tr key={r.key}>
            <th scope="row">{reasonName(r.key)}</th>
            <td>{r.count}</td>
            <td>{pct(r.share)}</td>
            <td>{pct(r.cumulative)}</td>
            <td>{num(r.previous)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConcentrationTable({ rows, name, caption, head, testId }: { rows: Concentration[]; name: (id: string | null) => string; caption: string; head: string; testId: string }) {
  const { t } = useTranslation('bulletin');
  return (
    <table className="bulletin-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('col.bad')}</th>
          <th scope="col">{t('col.badShare')}</th>
          <th scope="col">{t('col.total')}</th>
          <th scope="col">{t('col.badRate')}</th>
          <th scope="col">{t('col.previousBad')}</th>
          <th scope="col">{t('col.previousBadRate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id ?? '-'}>
            <th scope="row">{name(r.id)}</th>
            <td>{r.bad}</td>
            <td>{pct(r.badShare)}</td>
            <td>{r.total}</td>
            <td>{pct(r.badRate)}</td>
            <td>{num(r.previous?.bad)}</td>
            <td>{pct(r.previous?.badRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RankingTable({ rows, name, unitName, caption, testId }: { rows: RankRow[]; name: (id: string) => string; unitName?: (id: string) => string; caption: string; testId: string }) {
  const { t } = useTranslation('bulletin');
  return (
    <table className="bulletin-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.rank')}</th>
          <th scope="col">{t('col.name')}</th>
          {unitName && <th scope="col">{t('col.unit')}</th>}
          <th scope="col">{t('col.total')}</th>
          <th scope="col">{t('col.satisfaction')}</th>
          <th scope="col">{t('col.badRate')}</th>
          <th scope="col">{t('col.previousRank')}</th>
          <th scope="col">{t('col.previousSatisfaction')}</th>
          <th scope="col">{t('col.note')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{num(r.rank)}</td>
            <th scope="row">{name(r.id)}</th>
            {unitName && <td>{r.unitId ? unitName(r.unitId) : '—'}</td>}
            <td>{r.total}</td>
            <td>{pct(r.satisfaction)}</td>
            <td>{pct(r.badRate)}</td>
            <td>{num(r.previous?.rank)}</td>
            <td>{pct(r.previous?.satisfaction)}</td>
            <td>{r.rank === null ? t('tie.unranked') : r.tie === 'none' ? '' : t(`tie.${r.tie}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
