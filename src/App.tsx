import { lazy, Suspense } from 'react';
import { KioskScreen } from './kiosk/KioskScreen';
import { ADMIN_PATH, DEVICE_STATUS_PATH, FORM_PATH, FORM_PRINT_PATH, PUBLIC_PATH, REPORTS_PATH, STAFF_PATH } from './routes';

// Everything but the kiosk is its own chunk, so the kiosk's first paint stays small.
const screens: Record<string, React.LazyExoticComponent<React.ComponentType>> = {
  [DEVICE_STATUS_PATH]: lazy(() => import('./device/DeviceStatusScreen')),
  [STAFF_PATH]: lazy(() => import('./staff/StaffApp')),
  [ADMIN_PATH]: lazy(() => import('./admin/AdminApp')),
  [FORM_PATH]: lazy(() => import('./form/PaperFormApp')),
  [FORM_PRINT_PATH]: lazy(() => import('./form/print/PrintableFormApp')),
  [REPORTS_PATH]: lazy(() => import('./reports/ReportsApp')),
  [PUBLIC_PATH]: lazy(() => import('./public/PublicApp')),
};

export function App({ path }: { path: string }) {
  const Screen = screens[path.replace(/\/+$/, '') || '/'];
  if (!Screen) return <KioskScreen />;
  return (
    <Suspense fallback={null}>
      <Screen />
    </Suspense>
  );
}
