import { useTranslation } from 'react-i18next';
import { pickLabel } from '../domain/locales';
import type { PublicUnits } from '../domain/public-api';
import { currentLocale } from '../i18n';
import { LanguageSwitch } from '../kiosk/LanguageSwitch';
import { FiguresSummary, LevelMix, Outcomes } from './FiguresView';
import { ReviewList } from './ReviewList';
import { TrendBars } from './TrendBars';
import type { Loaded, UnitData } from './usePublicData';

interface Props {
  units: PublicUnits;
  unitId: string;
  month: string;
  data: Loaded<UnitData>;
  onUnit: (unitId: string) => void;
  onMonth: (month: string) => void;
  displayHref: string;
}

/** /public on a phone or a desk: pick a unit and a month, read its figures, trend and published bad reviews. */
export function PublicPage({ units, unitId, month, data, onUnit, onMonth, displayHref }: Props) {
  const { t } = useTranslation('public');
  const locale = currentLocale();
  const shown = data.data && data.data.unitId === unitId && data.data.month === month ? data.data : null;
  return (
    <div className="public-page">
      <header className="public-header">
        <h1>{t('title')}</h1>
        <LanguageSwitch />
      </header>
      <main>
        <form className="public-controls" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('unit')}
            <select value={unitId} onChange={(e) => onUnit(e.target.value)}>
              {units.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {pickLabel(u.name, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('month')}
            <input type="month" value={month} min="2000-01" max={units.month} required onChange={(e) => e.target.value && onMonth(e.target.value)} />
          </label>
          <a className="public-display-link" href={displayHref}>
            {t('display.open')}
          </a>
        </form>
        {data.failed && (
          <p role="status" className="public-failed">
            {t('failed')}
          </p>
        )}
        {!shown ? (
          <p className="public-empty">{t('loading')}</p>
        ) : (
          <>
            <section aria-labelledby="pub-figures">
              <h2 id="pub-figures">{t('figures.heading', { month: t('monthLabel', { year: month.slice(0, 4), month: Number(month.slice(5)) }) })}</h2>
              <FiguresSummary figures={shown.figures} />
              <p className="public-note">{t('figures.rateHint')}</p>
            </section>
            <section aria-labelledby="pub-levels">
              <h2 id="pub-levels">{t('levels.heading')}</h2>
              <LevelMix figures={shown.figures} />
            </section>
            <section aria-labelledby="pub-outcomes">
              <h2 id="pub-outcomes">{t('outcomes.heading')}</h2>
              <Outcomes figures={shown.figures} />
            </section>
            <section aria-labelledby="pub-trend">
              <h2 id="pub-trend">{t('trend.heading')}</h2>
              <TrendBars trend={shown.trend} />
            </section>
            <section aria-labelledby="pub-reviews">
              <h2 id="pub-reviews">{t('reviews.heading')}</h2>
              <p className="public-note">{t('reviews.note')}</p>
              <ReviewList reviews={shown.reviews.reviews} />
            </section>
          </>
        )}
      </main>
    </div>
  );
}
