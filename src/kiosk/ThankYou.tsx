import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LevelKey } from '../domain/levels';
import { measureTap, TAP_MEASURES } from './tap-timing';

/**
 * Shown only after the rating is on disk; it records how long the tap took to reach this screen. Screen readers
 * hear it through the kiosk's live region (KioskAnnouncer), which was already on the page before this text.
 */
export function ThankYou({ tapTime, level }: { tapTime: number; level: LevelKey }) {
  const { t } = useTranslation();
  useEffect(() => {
    measureTap(TAP_MEASURES.rendered, tapTime);
    const frame = requestAnimationFrame(() => measureTap(TAP_MEASURES.painted, tapTime));
    return () => cancelAnimationFrame(frame);
  }, [tapTime]);
  return (
    <section className="thank-you">
      <svg viewBox="0 0 48 48" className="thank-you-mark" aria-hidden="true">
        <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
        <path d="M14 25 l7 7 l13 -15" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h1>{t('thanks.title')}</h1>
      <p className="thank-you-level">{t('thanks.recorded', { level: t(`level.${level}`) })}</p>
      <p>{t('thanks.subtitle')}</p>
    </section>
  );
}
