import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffCard } from '../domain/sync-api';

/** The staff member's photo, or their initial when there is none or it cannot load (offline, never cached). */
export function StaffPhoto({ staff, className }: { staff: StaffCard | null; className: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (staff?.photoUrl && !failed) {
    return <img className={className} src={staff.photoUrl} alt={t('kiosk.photoOf', { name: staff.name })} onError={() => setFailed(true)} />;
  }
  return (
    <div className={`${className} staff-photo-placeholder`} aria-hidden="true">
      {staff ? Array.from(staff.name)[0] : '?'}
    </div>
  );
}
