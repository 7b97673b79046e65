import { lazy, Suspense } from 'react';
import { KioskScreen } from './kiosk/KioskScreen';
import { DEVICE_STATUS_PATH } from './routes';

// Everything but the kiosk is its own chunk, so the kiosk's first paint stays small.
const DeviceStatusScreen = lazy(() => import('./device/DeviceStatusScreen'));

export function App({ path }: { path: string }) {
  if (path === DEVICE_STATUS_PATH) {
    return (
      <Suspense fallback={null}>
        <DeviceStatusScreen />
      </Suspense>
    );
  }
  return <KioskScreen />;
}
