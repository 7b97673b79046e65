import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNamespaces } from '../account/useNamespace';
import { isLocale, setLanguage } from '../i18n';
import { DisplayMode } from './DisplayMode';
import { PublicPage } from './PublicPage';
import { addressWith, readAddress } from './public-view';
import { usePublicUnits, useUnitData } from './usePublicData';
import './public.css';

/**
 * /public (issue 16): no sign-in, read only from /api/v1/public. ?unit=&month= choose what is shown, ?lang= the
 * language, ?display=1&seconds=N the hall's self-cycling big screen.
 */
export default function PublicApp() {
  const ready = useNamespaces('public');
  const [address, setAddress] = useState(() => readAddress(window.location.search));
  const [unitsTick, setUnitsTick] = useState(0);
  const units = usePublicUnits(unitsTick);
  const first = units.data?.units[0]?.id ?? null;
  const unitId = address.unitId && units.data?.units.some((u) => u.id === address.unitId) ? address.unitId : first;
  const month = address.month ?? units.data?.month ?? null;
  const data = useUnitData(address.display ? null : unitId, month, 0);

  useEffect(() => {
    if (isLocale(address.lang)) void setLanguage(address.lang);
  }, [address.lang]);
  // No answer yet (server away): ask again, so a hall screen started before the server comes up by itself.
  useEffect(() => {
    if (units.data || !units.failed) return;
    const timer = setTimeout(() => setUnitsTick((n) => n + 1), 15_000);
    return () => clearTimeout(timer);
  }, [units]);

  const choose = useCallback((patch: Record<string, string | null>) => {
    const search = addressWith(window.location.search, patch);
    window.history.replaceState(null, '', `${window.location.pathname}${search}`);
    setAddress(readAddress(search));
  }, []);
  // A unit that is not (or no longer) public leaves the address: nothing on the page names it.
  const unknownUnit = !!address.unitId && !!units.data && !units.data.units.some((u) => u.id === address.unitId);
  useEffect(() => {
    if (unknownUnit) choose({ unit: null });
  }, [unknownUnit, choose]);
  const onCycle = useCallback(() => setUnitsTick((n) => n + 1), []);

  if (!ready) return null;
  if (!units.data) return <Waiting failed={units.failed} />;
  const href = (patch: Record<string, string | null>) => `${window.location.pathname}${addressWith(window.location.search, patch)}`;
  if (address.display) return <DisplayMode units={units.data} month={address.month} seconds={address.seconds} exitHref={href({ display: null })} onCycle={onCycle} />;
  if (!unitId || !month) return <Waiting failed={false} none />;
  return (
    <PublicPage
      units={units.data}
      unitId={unitId}
      month={month}
      data={data}
      onUnit={(id) => choose({ unit: id })}
      onMonth={(m) => choose({ month: m })}
      displayHref={href({ display: '1' })}
    />
  );
}

function Waiting({ failed, none }: { failed: boolean; none?: boolean }) {
  const { t } = useTranslation('public');
  return (
    <div className="public-page">
      <header className="public-header">
        <h1>{t('title')}</h1>
      </header>
      <main>
        <p className="public-empty" role="status">
          {none ? t('noUnits') : failed ? t('failed') : t('loading')}
        </p>
      </main>
    </div>
  );
}
