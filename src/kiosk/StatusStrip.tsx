import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskDatabase } from '../data/db';
import { useOutboxStatus } from '../data/outbox-status';
import './status-strip.css';

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

/** Which calm sentence the citizen reads; counts, times, errors and held records are staff detail for /device. */
export function statusLineKey(online: boolean, pending: number): string {
  if (online) return pending > 0 ? 'status.sending' : 'status.allSent';
  return pending > 0 ? 'status.savedOffline' : 'status.offlineReady';
}

/**
 * One line for the citizen: their rating is safe, whatever the network does. Status only: the kiosk is in
 * citizens' hands, so it offers no way into /device (staff open it by address; it asks for a PIN or a session).
 * Online means the server answered the latest try, not merely that the browser believes it has a network.
 * `updateReady` stays an attribute: an update is applied on the idle screen by itself, nothing for a citizen to do.
 */
export function StatusStrip({ db, updateReady }: { db: KioskDatabase; updateReady: boolean }) {
  const { t } = useTranslation();
  const status = useOutboxStatus(db);
  const browserOnline = useNavigatorOnline();
  const sync = status?.sync;
  const online = browserOnline && !!sync?.lastSuccessAt && !sync.lastError;
  const pending = status?.pending ?? 0;
  return (
    <footer className="status-strip" data-online={online} data-update-ready={updateReady}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-line" data-testid="status-line" data-online={online} data-pending={pending}>
        {status ? t(statusLineKey(online, pending)) : null}
      </span>
    </footer>
  );
}
