import { useTranslation } from 'react-i18next';
import type { AnnualReport } from '../../domain/figures/annual-api';
import type { Names } from './annual-names';
import { AnnualEntryCard } from './AnnualEntryCard';
import { SubtotalLine } from './SubtotalLine';

type Unit = AnnualReport['units'][number];

/** One unit of the report: its title (each unit starts a new printed page), its windows' bad reviews, its subtotal. */
export function AnnualUnitSection({ unit, names, year }: { unit: Unit; names: Names; year: number }) {
  const { t } = useTranslation('annual');
  let no = 0;
  return (
    <section className="annual-unit" data-unit-id={unit.unitId} aria-labelledby={`annual-unit-${unit.unitId}`}>
      <h2 id={`annual-unit-${unit.unitId}`}>{t('unitTitle', { year, unit: names.unit(unit.unitId) })}</h2>
      <SubtotalLine subtotal={unit.subtotal} />
      {unit.windows.map((w) => (
        <section key={w.windowId} className="annual-window" data-window-id={w.windowId}>
          <h3>{t('windowTitle', { window: names.window(w.windowId), count: w.entries.length })}</h3>
          {w.entries.map((e) => (
            <AnnualEntryCard key={e.rating.id} entry={e} names={names} no={++no} />
          ))}
        </section>
      ))}
      <p className="annual-signatures print-only">{t('signatures')}</p>
    </section>
  );
}
