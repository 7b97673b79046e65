import { useTranslation } from 'react-i18next';
import type { KioskDatabase } from '../data/db';
import { forgetEnrolment } from '../data/device-enrolment';
import { clearDeviceRefusal, type DeviceRefusalCode } from '../data/device-refusal';
import { useOutboxStatus } from '../data/outbox-status';
import { DEVICE_STATUS_PATH } from '../routes';
import './enrol.css';

/**
 * Shown instead of the rating buttons when the server refuses this device: it says why, keeps every waiting
 * rating, points staff to /device (PIN or session) for the file of them, and lets staff enrol the tablet again.
 */
export default function DeviceRefusedScreen({ db, reason, onReenrol }: { db: KioskDatabase; reason: DeviceRefusalCode; onReenrol: () => void }) {
  const { t } = useTranslation();
  const status = useOutboxStatus(db);
  const waiting = (status?.pending ?? 0) + (status?.conflicts ?? 0) + (status?.dead ?? 0);
  const revoked = reason === 'DEVICE_REVOKED';
  const reenrol = async () => {
    await forgetEnrolment(db);
    await clearDeviceRefusal(db);
    onReenrol();
  };
  return (
    <main className="kiosk kiosk-message device-refused" role="alert">
      <h1>{revoked ? t('refused.revokedTitle') : t('refused.unknownTitle')}</h1>
      <p>{revoked ? t('refused.revokedText') : t('refused.unknownText')}</p>
      <p data-testid="refused-waiting" data-count={waiting}>
        {t('refused.waiting', { count: waiting })}
      </p>
      {waiting > 0 && (
        <>
          <a className="button-like primary" href={DEVICE_STATUS_PATH}>
            {t('refused.export')}
          </a>
          <p className="hint">{t('refused.exportHint')}</p>
        </>
      )}
      <button type="button" onClick={() => void reenrol()}>
        {t('refused.reenrol')}
      </button>
      <p className="hint">{t('refused.contact')}</p>
    </main>
  );
}
