import { useTranslation } from 'react-i18next';
import type { StaffCard } from '../domain/sync-api';
import { StaffPhoto } from '../kiosk/StaffPhoto';

/** Everyone who serves at this kiosk's window, as the last configuration named them. */
export function RosterList({ roster }: { roster: StaffCard[] }) {
  const { t } = useTranslation();
  return (
    <section className="roster" data-testid="roster">
      <h2>{t('device.roster')}</h2>
      {roster.length === 0 ? (
        <p>{t('device.none')}</p>
      ) : (
        <ul>
          {roster.map((s) => (
            <li key={s.id} data-staff-id={s.id}>
              <StaffPhoto staff={s} className="roster-photo" />
              <span>{s.name}</span>
              <span className="hint">
                {t('kiosk.employeeNo')}: {s.employeeNo}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
