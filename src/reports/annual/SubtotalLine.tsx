import { useTranslation } from 'react-i18next';
import type { AnnualReport } from '../../domain/figures/annual-api';

/** A unit's (or the whole report's) figures: count by path, rectified, replied, closed, overdue. */
export function SubtotalLine({ subtotal: s, total = false }: { subtotal: AnnualReport['total']; total?: boolean }) {
  const { t } = useTranslation('annual');
  return (
    <dl className="annual-subtotal" data-testid={total ? 'annual-total' : 'annual-subtotal'} aria-label={total ? t('total') : t('subtotal')}>
      <div><dt>{t('sub.total')}</dt><dd>{s.total}</dd></div>
      <div><dt>{t('sub.counted')}</dt><dd>{s.counted}</dd></div>
      <div><dt>{t('sub.invalid')}</dt><dd>{s.invalid}</dd></div>
      <div><dt>{t('paths.FIX_NOW')}</dt><dd>{s.byPath.FIX_NOW}</dd></div>
      <div><dt>{t('paths.FIX_WITHIN_5')}</dt><dd>{s.byPath.FIX_WITHIN_5}</dd></div>
      <div><dt>{t('paths.SPECIAL')}</dt><dd>{s.byPath.SPECIAL}</dd></div>
      <div><dt>{t('paths.NOT_ADOPTED')}</dt><dd>{s.byPath.NOT_ADOPTED}</dd></div>
      <div><dt>{t('undecided')}</dt><dd>{s.undecided}</dd></div>
      <div><dt>{t('sub.rectified')}</dt><dd>{s.rectified}</dd></div>
      <div><dt>{t('sub.replied')}</dt><dd>{s.replied}</dd></div>
      <div><dt>{t('sub.closed')}</dt><dd>{s.closed}</dd></div>
      <div><dt>{t('sub.overdue')}</dt><dd>{s.overdue}</dd></div>
    </dl>
  );
}
