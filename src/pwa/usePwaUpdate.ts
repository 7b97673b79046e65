import { useEffect } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';

const CHECK_EVERY_MS = 30 * 60_000;
/** The idle screen must have been untouched this long before the page reloads into the new version. */
const QUIET_BEFORE_APPLY_MS = 15_000;

/**
 * Registers the service worker and applies a waiting update only while the kiosk is idle, never mid-rating.
 * A kiosk tab never reloads by itself otherwise, so it checks for updates periodically.
 */
export function usePwaUpdate(isIdle: boolean): { updateReady: boolean } {
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (registration) window.setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
    },
  });
  useEffect(() => {
    if (!needRefresh || !isIdle) return;
    let timer = window.setTimeout(() => void updateServiceWorker(true), QUIET_BEFORE_APPLY_MS);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void updateServiceWorker(true), QUIET_BEFORE_APPLY_MS);
    };
    document.addEventListener('pointerdown', restart, { capture: true });
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('pointerdown', restart, { capture: true });
    };
  }, [needRefresh, isIdle, updateServiceWorker]);
  return { updateReady: needRefresh };
}
