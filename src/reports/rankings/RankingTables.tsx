import { useTranslation } from 'react-i18next';
import type { RankingsResponse } from '../../domain/figures/rankings-api';
import { namer, rateText } from './ranking-names';

type PeriodRanking = RankingsResponse['yearRanking'];
type Entry = PeriodRanking['units'][number];

/** One period's ranking of units or windows: raw and adopted bad rates side by side, each with its fraction. */
export function RankingTable({ title, entries, names, testId }: { title: string; entries: Entry[]; names: ReturnType<typeof namer>; testId: string }) {
  const { t } = useTranslation('rankings');
  return (
    <table className="report-table ranking-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tables.rank')}</th>
          <th scope="col">{t('tables.name')}</th>
          <th scope="col">{t('tables.total')}</th>
          <th scope="col">{t('tables.satisfaction')}</th>
          <th scope="col">{t('tables.badRate')}</th>
          <th scope="col">{t('tables.badAdoptedRate')}</th>
          <th scope="col">{t('tables.notAdopted')}</th>
          <th scope="col">{t('tables.bottom')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 && (
          <tr>
            <td colSpan={8}>{t('tables.empty')}</td>
          </tr>
        )}
        {entries.map((e) => (
          <tr key={`${e.unitId}-${e.windowId}`} data-window-id={e.windowId ?? undefined} data-unit-id={e.unitId} data-bottom={e.bottom || undefined}>
            <td>{e.rank}</td>
            <th scope="row">{names.place(e)}</th>
            <td>{e.total}</td>
            <td>{rateText(t, e.satisfaction)}</td>
            <td data-rate="raw">{rateText(t, e.badRate)}</td>
            <td data-rate="adopted">{rateText(t, e.badAdoptedRate)}</td>
            <td>{e.notAdopted}</td>
            <td>{e.bottom ? t('tables.bottomMark') : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The run's periods side by side: each unit's and window's rank in each, "▼" where it was in the bottom places. */
export function RunTable({ data, names }: { data: RankingsResponse; names: ReturnType<typeof namer> }) {
  const { t } = useTranslation('rankings');
  const rows = (scope: 'units' | 'windows') => {
    const seen = new Map<string, Entry>();
    for (const p of data.run) for (const e of p[scope]) seen.set(`${e.unitId}-${e.windowId}`, e);
    return [...seen.entries()];
  };
  return (
    <table className="report-table run-table" data-testid="run-table">
      <caption>{t('tables.run', { places: data.settings.bottomPlaces })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tables.name')}</th>
          {data.run.map((p) => (
            <th scope="col" key={p.key}>
              {p.key}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(['units', 'windows'] as const).flatMap((scope) =>
          rows(scope).map(([key, e]) => (
            <tr key={key}>
              <th scope="row">{names.place(e)}</th>
              {data.run.map((p) => {
                const at = p[scope].find((x) => x.unitId === e.unitId && x.windowId === e.windowId);
                return <td key={p.key}>{at ? `${at.rank}/${p[scope].length}${at.bottom ? ' ▼' : ''}` : t('tables.notRanked')}</td>;
              })}
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
