import { useTranslation } from 'react-i18next';
import type { KioskDatabase } from '../data/db';
import { forgetEnrolment } from '../data/device-enrolment';
import { getMeta } from '../data/meta';
import { exportUnsent, useOutboxStatus } from '../data/outbox-status';
import { downloadFile } from '../device/download-file';
import './enrol.css';

/**
 * Shown instead of the rating buttons when the server refuses this device: it says why, keeps every waiting
 * rating, offers them as a file, and lets staff enrol the tablet again with a new code.
 */
export default function DeviceRefusedScreen({ db, reason, onReenrol }: { db: KioskDatabase; reason: 'DEVICE_REVOKED' | 'DEVICE_UNKNOWN'; onReenrol: () => void }) {
  const { t } = useTranslation();
  const status = useOutboxStatus(db);
  const waiting = (status?.pending ?? 0) + (status?.conflicts ?? 0) + (status?.dead ?? 0);
  const revoked = reason === 'DEVICE_REVOKED';
  const exportNow = async () => {
    const deviceId = await getMeta(db, 'deviceId');
    downloadFile(`unsent-ratings-${deviceId ?? 'device'}-${Date.now()}.json`, await exportUnsent(db));
  };
  const reenrol = async () => {
    await forgetEnrolment(db);
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
          <button type="button" className="primary" onClick={() => void exportNow()}>
            {t('refused.export')}
          </button>
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
