import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { KioskConfig } from '../domain/sync-api';
import type { KioskDatabase } from '../data/db';
import { isDeviceRefusalCode, recordDeviceRefusal } from '../data/device-refusal';
import { readEnrolment, readKioskConfig } from '../data/kiosk-store';

// The validators come with these chunks, not with the first paint.
const loadDemoRefresh = () => import('../data/kiosk-config').then((m) => m.refreshKioskConfig);
const loadDevice = () => import('../data/device-enrolment');
const loadHealth = () => import('../data/sync-transport').then((m) => m.fetchHealth);

const DEMO_REFRESH_MS = 60_000;
/** An enrolled kiosk checks in this often: an administrator's change reaches it within a minute. */
const CHECKIN_MS = 30_000;

export type KioskConfigState =
  | { status: 'loading' }
  | { status: 'missing'; retry: () => void }
  | { status: 'enrol' }
  | { status: 'ready'; config: KioskConfig; enrolled: boolean };

/**
 * The kiosk's configuration: the cached copy at once, then the server's. An enrolled tablet checks in with its
 * credential (status out, configuration back when it changed); an unenrolled one asks whether the server is in
 * demo mode (public configuration) or production (enrol first). Offline, the last copy stays.
 */
export function useKioskConfig(db: KioskDatabase): KioskConfigState {
  const device = useLiveQuery(async () => (await readEnrolment(db)) ?? null, [db]);
  const config = useLiveQuery(() => readKioskConfig(db), [db]);
  const [failed, setFailed] = useState(false);
  const [needsEnrol, setNeedsEnrol] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (device === undefined) return;
    let live = true;
    const refresh = async () => {
      try {
        if (device) {
          const { checkIn, DeviceRequestError } = await loadDevice();
          await checkIn(db).catch(async (err) => {
            // Kept under the kiosk's own key (src/data/device-refusal.ts), never in the push engine's status.
            if (err instanceof DeviceRequestError && isDeviceRefusalCode(err.code)) await recordDeviceRefusal(db, err.code, err.message);
            throw err;
          });
        } else {
          // The demo refresher is fetched beside the health check, not after it: one round trip less to a first paint.
          const [health, demoRefresh] = await Promise.all([loadHealth().then((fetchHealth) => fetchHealth()), loadDemoRefresh()]);
          if (health.kind === 'ok' && health.body.mode === 'production') {
            if (live) setNeedsEnrol(true);
            return;
          }
          await demoRefresh(db);
        }
        if (live) setFailed(false);
      } catch {
        if (live) setFailed(true);
      }
    };
    void refresh();
    const timer = window.setInterval(refresh, device ? CHECKIN_MS : DEMO_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [db, device, attempt]);

  if (device === undefined) return { status: 'loading' };
  if (!device && needsEnrol) return { status: 'enrol' };
  if (config) return { status: 'ready', config, enrolled: !!device };
  if (failed) return { status: 'missing', retry: () => setAttempt((n) => n + 1) };
  return { status: 'loading' };
}
