import { useTranslation } from 'react-i18next';
import type { KioskConfig, StaffCard as StaffCardData } from '../domain/sync-api';
import { pickLabel } from '../domain/locales';
import { currentLocale } from '../i18n';
import { StaffPhoto } from './StaffPhoto';

/** The card shown to citizens: who is serving them, at which window. */
export function StaffCard({ config, staff }: { config: KioskConfig; staff: StaffCardData | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section className="staff-card" aria-label={pickLabel(config.window.name, locale)}>
      <StaffPhoto staff={staff} className="staff-photo" />
      <div className="staff-text">
        {staff ? (
          <>
            <p className="staff-name">{staff.name}</p>
            <p className="staff-no">
              {t('kiosk.employeeNo')}: <span>{staff.employeeNo}</span>
            </p>
          </>
        ) : (
          <p className="staff-name">{t('kiosk.noStaff')}</p>
        )}
        <p className="staff-window">{pickLabel(config.window.name, locale)}</p>
        <p className="staff-unit">{pickLabel(config.unit.name, locale)}</p>
      </div>
    </section>
  );
}
