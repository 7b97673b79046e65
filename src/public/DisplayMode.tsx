import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLabel } from '../domain/locales';
import type { PublicUnits } from '../domain/public-api';
import { currentLocale } from '../i18n';
import { FiguresSummary, LevelMix, Outcomes } from './FiguresView';
import { displaySlides, nextSlide, type Slide } from './public-view';
import { ReviewList } from './ReviewList';
import { TrendBars } from './TrendBars';
import { useUnitData } from './usePublicData';

interface Props {
  units: PublicUnits;
  /** A month from the address; else each cycle shows the current month (units.month). */
  month: string | null;
  seconds: number;
  exitHref: string;
  /** Moves on when the units are asked again (each full cycle). */
  onCycle: () => void;
}

/**
 * The hall's big screen: full-window, large type, every section of every disclosed unit in turn, `seconds` each,
 * with no interaction. Each slide asks for its unit's data again; the browser's cache answers within max-age and
 * revalidates after it (ETag → 304), so the screen stays fresh without loading the server.
 */
export function DisplayMode({ units, month, seconds, exitHref, onCycle }: Props) {
  const { t } = useTranslation('public');
  // Keyed by the ids, not the answer: the same units asked again must not restart the slide's timer.
  const ids = units.units.map((u) => u.id).join('\n');
  const slides = useMemo(() => displaySlides(ids ? ids.split('\n') : []), [ids]);
  const [slide, setSlide] = useState<Slide | null>(() => nextSlide(slides, null));
  const [shownAt, setShownAt] = useState(0);
  const shownMonth = month ?? units.month;
  const data = useUnitData(slide?.unitId ?? null, shownMonth, shownAt);

  useEffect(() => {
    const timer = setTimeout(() => {
      const next = nextSlide(slides, slide);
      // Back at the first slide: the unit list is asked again (a unit switched on or off meanwhile).
      if (next && slides.indexOf(next) === 0) onCycle();
      setSlide(next);
      setShownAt((n) => n + 1);
    }, seconds * 1000);
    return () => clearTimeout(timer);
  }, [slide, slides, seconds, onCycle]);

  if (!slide) return <div className="public-display">{t('noUnits')}</div>;
  const unit = units.units.find((u) => u.id === slide.unitId);
  const d = data.data && data.data.unitId === slide.unitId && data.data.month === shownMonth ? data.data : null;
  return (
    <div className="public-display" data-unit={slide.unitId} data-section={slide.section}>
      <header className="public-display-head">
        <h1>{unit ? pickLabel(unit.name, currentLocale()) : ''}</h1>
        <p>
          {t(`sections.${slide.section}`)} · {t('monthLabel', { year: shownMonth.slice(0, 4), month: Number(shownMonth.slice(5)) })}
        </p>
        <a className="public-display-exit" href={exitHref}>
          {t('display.exit')}
        </a>
      </header>
      <div className="public-display-body" aria-live="polite">
        {!d ? (
          <p className="public-empty">{t('loading')}</p>
        ) : slide.section === 'figures' ? (
          <>
            <FiguresSummary figures={d.figures} />
            <LevelMix figures={d.figures} />
          </>
        ) : slide.section === 'outcomes' ? (
          <Outcomes figures={d.figures} />
        ) : slide.section === 'trend' ? (
          <TrendBars trend={d.trend} />
        ) : (
          <ReviewList reviews={d.reviews.reviews} limit={4} />
        )}
      </div>
    </div>
  );
}
