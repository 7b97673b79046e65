import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, ApiRequestError } from '../../account/api-client';
import { ADMIN_DEVICE_PATHS, type DeviceListItem } from '../../domain/device-api';
import { adminErrorText } from '../shared/admin-errors';
import { DEVICE_REFRESH_MS } from './device-view';

export interface DevicesState {
  devices: DeviceListItem[] | null;
  /** When the list shown was fetched (this computer's clock): "N minutes ago" counts from here. */
  loadedAt: number;
  loading: boolean;
  /** The last load's refusal; the previous list stays shown under it. */
  failure: string | null;
  reload(): Promise<void>;
}

/**
 * The enrolled devices, fetched now and every 30 s while the tab is shown (and the browser tab visible), so
 * the last-seen times and queues follow the tablets' check-ins. One request at a time.
 */
export function useDevices(onSignedOut: () => void): DevicesState {
  const { t } = useTranslation('admin');
  const [devices, setDevices] = useState<DeviceListItem[] | null>(null);
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const inFlight = useRef(false);
  // Kept in a ref: a new callback from the parent must not restart the 30 s timer.
  const signedOut = useRef(onSignedOut);
  useEffect(() => {
    signedOut.current = onSignedOut;
  });

  const reload = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const answer = await apiRequest<{ devices: DeviceListItem[] }>('GET', ADMIN_DEVICE_PATHS.devices);
      setDevices(answer.devices);
      setLoadedAt(Date.now());
      setFailure(null);
    } catch (err) {
      setFailure(adminErrorText(t, err));
      // The session ended: back to the sign-in screen, as the catalogue does.
      if (err instanceof ApiRequestError && err.status === 401) signedOut.current();
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [t]);

  useEffect(() => {
    void reload();
    const tick = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    const timer = window.setInterval(tick, DEVICE_REFRESH_MS);
    // Back from another browser tab: show fresh figures at once rather than up to 30 s later.
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [reload]);

  return { devices, loadedAt, loading, failure, reload };
}
