import { useSyncExternalStore } from 'react';
import { registerSW } from 'virtual:pwa-register';

const CHECK_EVERY_MS = 30 * 60_000;

let updateReady = false;
let applyWaiting: ((reload?: boolean) => Promise<void>) | undefined;
const listeners = new Set<() => void>();

/**
 * Registers the service worker at start-up, whatever screen shows. A new version only waits here: the kiosk
 * applies it when idle (useApplyUpdateWhenIdle). A kiosk tab never reloads by itself, so it checks periodically.
 */
export function startServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  applyWaiting = registerSW({
    onNeedRefresh() {
      updateReady = true;
      listeners.forEach((l) => l());
    },
    onRegisteredSW(_url, registration) {
      if (registration) window.setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
    },
  });
}

export function applyUpdate() {
  void applyWaiting?.(true);
}

export function useUpdateReady(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => updateReady,
  );
}
