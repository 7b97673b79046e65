import { useTranslation } from 'react-i18next';
import type { RankingsResponse } from '../../domain/figures/rankings-api';
import { formatCstMinute } from '../../domain/time';
import { namer, rateText } from './ranking-names';

type Flag = RankingsResponse['flags'][number];
type Evidence = RankingsResponse['ratings'][number];

/** The flags, each with the ratings that make it and a link to each one's case (for readers of cases). */
export function RankingFlags({ data, names, canOpenCases }: { data: RankingsResponse; names: ReturnType<typeof namer>; canOpenCases: boolean }) {
  const { t } = useTranslation('rankings');
  const byId = new Map(data.ratings.map((r) => [r.id, r]));
  const period = t(`periods.${data.settings.period}`);
  const title = (f: Flag) => {
    switch (f.kind) {
      case 'STAFF_AWARD_LOST': {
        const s = data.refs.staff.find((x) => x.id === f.staffId);
        return t('flags.STAFF_AWARD_LOST', { name: s?.name ?? f.staffId, employeeNo: s?.employeeNo ?? '—', year: data.year, count: f.adoptedBad });
      }
      case 'OVER_SHARE':
        return t('flags.OVER_SHARE', { place: names.place(f), percent: data.overSharePercent });
      case 'BOTTOM_RUN':
        return t('flags.BOTTOM_RUN', { place: names.place(f), count: f.periods.length, period, places: data.settings.bottomPlaces });
    }
  };
  return (
    <section className="ranking-flags" data-testid="ranking-flags" aria-labelledby="ranking-flags-title">
      <h2 id="ranking-flags-title">{t('flags.title', { count: data.flags.length })}</h2>
      {data.flags.length === 0 && <p className="note">{t('flags.none')}</p>}
      {data.flags.map((f) => (
        <article
          key={`${f.kind}-${f.kind === 'STAFF_AWARD_LOST' ? f.staffId : `${f.unitId}-${f.windowId}`}`}
          className="ranking-flag"
          data-flag-kind={f.kind}
          data-staff-id={f.kind === 'STAFF_AWARD_LOST' ? f.staffId : undefined}
          data-window-id={f.kind !== 'STAFF_AWARD_LOST' ? (f.windowId ?? undefined) : undefined}
        >
          <h3>{title(f)}</h3>
          {f.kind === 'OVER_SHARE' && (
            <ul className="flag-lines">
              {(['year', 'quarter'] as const).map((when) => (
                <li key={when} data-over={f.over.includes(when) || undefined}>
                  {t('flags.overLine', {
                    when: t(when === 'year' ? 'flags.overYear' : 'flags.overQuarter'),
                    adopted: rateText(t, f[when].badAdoptedRate),
                    raw: rateText(t, f[when].badRate),
                  })}
                </li>
              ))}
            </ul>
          )}
          {f.kind === 'BOTTOM_RUN' && (
            <ul className="flag-lines">
              {f.periods.map((p) => (
                <li key={p.key}>{t('flags.runLine', { period: p.key, rank: p.rank, of: p.of })}</li>
              ))}
            </ul>
          )}
          <EvidenceTable ratings={f.ratingIds.flatMap((id) => byId.get(id) ?? [])} names={names} canOpenCases={canOpenCases} />
        </article>
      ))}
    </section>
  );
}

function EvidenceTable({ ratings, names, canOpenCases }: { ratings: Evidence[]; names: ReturnType<typeof namer>; canOpenCases: boolean }) {
  const { t } = useTranslation('rankings');
  if (ratings.length === 0) return null;
  return (
    <table className="report-table evidence-table">
      <caption>{t('flags.evidence', { count: ratings.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('evidence.time')}</th>
          <th scope="col">{t('evidence.window')}</th>
          <th scope="col">{t('evidence.staff')}</th>
          <th scope="col">{t('evidence.level')}</th>
          <th scope="col">{t('evidence.path')}</th>
          <th scope="col">{t('evidence.case')}</th>
        </tr>
      </thead>
      <tbody>
        {ratings.map((r) => (
          <tr key={r.id} data-rating-id={r.id}>
            <td>{formatCstMinute(r.ratedAt)}</td>
            <td>{names.window(r.windowId)}</td>
            <td>{names.staff(r.staffId)}</td>
            <td>{t(`kiosk:level.${r.level}`)}</td>
            <td>{r.path ? t(`cases:paths.${r.path}`) : t('evidence.undecided')}</td>
            <td>
              {!r.hasCase ? (
                t('evidence.noCase')
              ) : canOpenCases ? (
                // The case's id is its rating's id; /staff opens the case list at it.
                <a href={`/staff?case=${encodeURIComponent(r.id)}`}>{t('evidence.openCase')}</a>
              ) : (
                t('evidence.caseNotShown')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
