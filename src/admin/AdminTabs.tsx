import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminErrorText } from './shared/admin-errors';
import { LoadFailure } from './shared/AdminForm';
import { AuditLog } from './audit/AuditLog';
import { CalendarAdmin, loadCalendar } from './calendar/CalendarAdmin';
import { DevicesAdmin } from './devices/DevicesAdmin';
import { FlagSettingsAdmin } from './flags/FlagSettingsAdmin';
import { RankingSettingsAdmin } from './rankings/RankingSettingsAdmin';
import { ReasonsAdmin } from './catalog/ReasonsAdmin';
import { ServiceItemsAdmin } from './catalog/ServiceItemsAdmin';
import { StaffAdmin } from './staff/StaffAdmin';
import { UnitsWindowsAdmin } from './catalog/UnitsWindowsAdmin';
import { loadCatalog } from './shared/catalog-types';
import { useAdminResource } from './shared/useAdminResource';

// The 办件 upload (its table and messages) loads when its tab is first opened.
const ServiceCaseImport = lazy(() => import('./service-cases/ServiceCaseImport'));

export const TABS = ['staff', 'units', 'items', 'reasons', 'devices', 'serviceCases', 'calendar', 'flags', 'rankings', 'audit'] as const;
export type Tab = (typeof TABS)[number];

/** The tab named in the address (#units), so a reload stays where the administrator was. */
function tabFromHash(): Tab {
  const hash = window.location.hash.slice(1);
  return (TABS as readonly string[]).includes(hash) ? (hash as Tab) : 'staff';
}

/** The administration tabs over one catalogue, reloaded after every change. */
export function AdminTabs({ selfId, onSignedOut }: { selfId: string; onSignedOut: () => void }) {
  const { t } = useTranslation('admin');
  const { data: catalog, error, reload } = useAdminResource(loadCatalog, onSignedOut);
  // Loaded with the tabs, not with its tab, so the tab can warn of a missing year wherever the administrator is.
  const calendar = useAdminResource(loadCalendar, onSignedOut);
  const missingYears = calendar.data?.missingYears ?? [];
  const missingText = missingYears.length > 0 ? t('calendar.missingBadge', { years: missingYears.join(t('calendar.yearSeparator')) }) : null;
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const select = (next: Tab, focus = false) => {
    setTab(next);
    history.replaceState(null, '', `#${next}`);
    if (focus) tabRefs.current[next]?.focus();
  };

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(TABS[(to + TABS.length) % TABS.length], true);
  };

  const panel = () => {
    if (tab === 'calendar') return <CalendarAdmin state={calendar} />;
    if (tab === 'flags') return <FlagSettingsAdmin onSignedOut={onSignedOut} />;
    if (tab === 'rankings') return <RankingSettingsAdmin onSignedOut={onSignedOut} />;
    if (!catalog) return null;
    switch (tab) {
      case 'staff':
        return <StaffAdmin catalog={catalog} selfId={selfId} reload={reload} />;
      case 'units':
        return <UnitsWindowsAdmin catalog={catalog} reload={reload} />;
      case 'items':
        return <ServiceItemsAdmin catalog={catalog} reload={reload} />;
      case 'reasons':
        return <ReasonsAdmin catalog={catalog} reload={reload} />;
      case 'devices':
        return <DevicesAdmin catalog={catalog} onSignedOut={onSignedOut} />;
      case 'serviceCases':
        return (
          <Suspense fallback={<p className="hint">{t('loading')}</p>}>
            <ServiceCaseImport catalog={catalog} />
          </Suspense>
        );
      case 'audit':
        return <AuditLog catalog={catalog} />;
    }
  };

  return (
    <div className="admin-main">
      <h1 className="admin-title">{t('title')}</h1>
      <div className="admin-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
        {TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${id}`}
            data-testid={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => select(id)}
          >
            {t(`tabs.${id}`)}
            {id === 'calendar' && missingText && (
              <span className="tab-badge" data-testid="calendar-missing-badge" title={missingText}>
                <span aria-hidden="true">!</span>
                <span className="visually-hidden">{missingText}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="admin-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {error !== undefined && <LoadFailure message={t('catalogFailed', { message: adminErrorText(t, error) })} retry={reload} />}
        {!catalog && error === undefined && tab !== 'calendar' && <p className="hint">{t('loading')}</p>}
        {panel()}
      </div>
    </div>
  );
}
