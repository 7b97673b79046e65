import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../app-context';
import { useDeviceRefusal } from '../data/device-refusal';
import { LanguageSwitch } from './LanguageSwitch';
import { ReadyKiosk } from './ReadyKiosk';
import { useKioskConfig } from './useKioskConfig';
import './kiosk.css';

const EnrolScreen = lazy(() => import('./EnrolScreen'));
const DeviceRefusedScreen = lazy(() => import('./DeviceRefusedScreen'));

/** A `?enrol=` code in the address (from the administrator's QR code) fills the set-up form. */
function enrolCodeFromUrl(): string {
  return new URLSearchParams(window.location.search).get('enrol') ?? '';
}

/**
 * What the tablet shows: the kiosk when it has a configuration; the set-up screen when a production server
 * needs it enrolled; a plain refusal when the server revoked it; a message when it has never reached a server.
 */
export function KioskScreen() {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const state = useKioskConfig(db);
  // Only the refusal: watching the outbox here would re-render the kiosk on every tap.
  const deviceRefusal = useDeviceRefusal(db);
  const [enrolling, setEnrolling] = useState(false);
  useEffect(() => {
    if (state.status === 'enrol') setEnrolling(true);
  }, [state.status]);

  const refusal = state.status === 'ready' && state.enrolled && deviceRefusal ? deviceRefusal.code : null;

  if (enrolling) {
    return (
      <Suspense fallback={null}>
        <EnrolScreen
          db={db}
          initialCode={enrolCodeFromUrl()}
          onEnrolled={() => {
            window.history.replaceState(null, '', window.location.pathname);
            setEnrolling(false);
          }}
        />
      </Suspense>
    );
  }
  if (refusal) {
    return (
      <Suspense fallback={null}>
        <DeviceRefusedScreen db={db} reason={refusal} onReenrol={() => setEnrolling(true)} />
      </Suspense>
    );
  }
  if (state.status === 'ready') return <ReadyKiosk config={state.config} />;
  if (state.status === 'missing') {
    return (
      <main className="kiosk kiosk-message">
        <p>{t('kiosk.notConfigured')}</p>
        <button type="button" className="primary" onClick={state.retry}>
          {t('kiosk.retry')}
        </button>
        <LanguageSwitch />
      </main>
    );
  }
  return <main className="kiosk kiosk-message">{t('kiosk.loading')}</main>;
}
