import { useTranslation } from 'react-i18next';
import { NOT_ADOPTED_REASONS } from '../domain/case-machine';
import { LEVEL_KEYS } from '../domain/levels';
import type { PublicMonthFigures } from '../domain/public-api';
import { barShare, rateText } from './public-view';

/** The month's counts and rates: each rate as percent with numerator/denominator, "—" for 0/0. */
export function FiguresSummary({ figures }: { figures: PublicMonthFigures }) {
  const { t } = useTranslation('public');
  const tiles: [string, string, string][] = [
    ['total', t('figures.total'), String(figures.total)],
    ['satisfaction', t('figures.satisfaction'), rateText(figures.rates.satisfaction)],
    ['bad', t('figures.bad'), String(figures.bad)],
    ['callBack', t('figures.callBack'), rateText(figures.rates.callBackRate)],
    ['rectification', t('figures.rectification'), rateText(figures.rates.rectificationRate)],
  ];
  return (
    <dl className="public-tiles">
      {tiles.map(([key, label, value]) => (
        <div key={key} className="public-tile" data-figure={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The level mix as horizontal bars, each with its count written out. */
export function LevelMix({ figures }: { figures: PublicMonthFigures }) {
  const { t } = useTranslation('public');
  const max = Math.max(...LEVEL_KEYS.map((k) => figures.byLevel[k]));
  return (
    <ul className="public-bars" aria-label={t('levels.heading')}>
      {LEVEL_KEYS.map((k) => (
        <li key={k} className={`level-${k.toLowerCase()}`}>
          <span className="public-bar-label">{t(`levels.${k}`)}</span>
          <span className="public-bar-track" aria-hidden="true">
            <span className="public-bar" style={{ width: `${barShare(figures.byLevel[k], max)}%` }} />
          </span>
          <span className="public-bar-value">{figures.byLevel[k]}</span>
        </li>
      ))}
    </ul>
  );
}

/** How the month's bad reviews ended: the three adopted paths, not adopted by category, still being handled. */
export function Outcomes({ figures }: { figures: PublicMonthFigures }) {
  const { t } = useTranslation('public');
  const o = figures.outcomes;
  const notAdopted = NOT_ADOPTED_REASONS.reduce((n, k) => n + o.NOT_ADOPTED[k], 0);
  return (
    <dl className="public-outcomes">
      <div>
        <dt>{t('figures.bad')}</dt>
        <dd>{figures.bad}</dd>
      </div>
      {(['FIX_NOW', 'FIX_WITHIN_5', 'SPECIAL'] as const).map((k) => (
        <div key={k} data-outcome={k}>
          <dt>{t(`outcomes.${k}`)}</dt>
          <dd>{o[k]}</dd>
        </div>
      ))}
      <div data-outcome="NOT_ADOPTED">
        <dt>{t('outcomes.NOT_ADOPTED')}</dt>
        <dd>
          {notAdopted}
          <ul className="public-categories">
            {NOT_ADOPTED_REASONS.map((k) => (
              <li key={k}>
                {t(`notAdopted.${k}`)}: {o.NOT_ADOPTED[k]}
              </li>
            ))}
          </ul>
        </dd>
      </div>
      <div data-outcome="PENDING">
        <dt>{t('outcomes.PENDING')}</dt>
        <dd>{o.PENDING}</dd>
      </div>
    </dl>
  );
}
