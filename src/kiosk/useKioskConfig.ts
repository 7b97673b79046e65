import { useEffect, useState } from 'react';
import type { KioskConfig } from '../domain/sync-api';
import type { KioskDatabase } from '../data/db';
import { cachedKioskConfig } from '../data/kiosk-binding';

// The validator comes with this chunk, not with the first paint.
const loadRefresh = () => import('../data/kiosk-config').then((m) => m.refreshKioskConfig);

const REFRESH_MS = 60_000;

export type KioskConfigState = { status: 'loading' } | { status: 'missing'; retry: () => void } | { status: 'ready'; config: KioskConfig };

/** The cached configuration at once, then the server's whenever it answers; offline the last copy stays. */
export function useKioskConfig(db: KioskDatabase): KioskConfigState {
  const [config, setConfig] = useState<KioskConfig | undefined>();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      loadRefresh()
        .then((refreshKioskConfig) => refreshKioskConfig(db))
        .then((c) => live && (setConfig(c), setFailed(false)))
        .catch(() => live && setFailed(true));
    void cachedKioskConfig(db).then((cached) => {
      if (live && cached) setConfig((current) => current ?? cached);
      return refresh();
    });
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [db, attempt]);

  if (config) return { status: 'ready', config };
  if (failed) return { status: 'missing', retry: () => setAttempt((n) => n + 1) };
  return { status: 'loading' };
}
