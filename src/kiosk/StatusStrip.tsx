import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskDatabase } from '../data/db';
import { useOutboxStatus } from '../data/outbox-status';
import { currentLocale } from '../i18n';

function useNavigatorOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function formatCstTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);
}

/**
 * Small print for staff: online or offline, ratings waiting, last sync. Status only: the kiosk is in citizens'
 * hands, so it offers no way into /device (staff open it by address; it asks for a PIN or a session). Online means the server answered the
 * latest try, not merely that the browser believes it has a network.
 */
export function StatusStrip({ db, updateReady }: { db: KioskDatabase; updateReady: boolean }) {
  const { t } = useTranslation();
  const status = useOutboxStatus(db);
  const browserOnline = useNavigatorOnline();
  const sync = status?.sync;
  const online = browserOnline && !!sync?.lastSuccessAt && !sync.lastError;
  const problems = (status?.conflicts ?? 0) + (status?.dead ?? 0);
  return (
    <footer className="status-strip" data-online={online}>
      <span className="status-dot" aria-hidden="true" />
      <span data-testid="net-state">{online ? t('status.online') : t('status.offline')}</span>
      <span data-testid="queue-depth" data-count={status?.pending ?? 0}>
        {t('status.waiting', { count: status?.pending ?? 0 })}
      </span>
      <span>{sync?.lastSuccessAt ? t('status.lastSync', { time: formatCstTime(sync.lastSuccessAt, currentLocale()) }) : t('status.neverSynced')}</span>
      {problems > 0 && <span className="status-problem">{t('status.problems', { count: problems })}</span>}
      {updateReady && <span>{t('status.updateReady')}</span>}
    </footer>
  );
}
