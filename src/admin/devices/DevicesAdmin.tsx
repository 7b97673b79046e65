import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_DEVICE_PATHS, type DeviceListItem } from '../../domain/device-api';
import { adminErrorText } from '../shared/admin-errors';
import { AdminTable } from '../shared/AdminTable';
import { FormDone, FormFailure } from '../shared/AdminForm';
import { useAdminResource } from '../shared/useAdminResource';
import { windowsOf, type AdminCatalog } from '../shared/catalog-types';
import { DeviceRow } from './DeviceRow';
import { cstClock, DEVICE_REFRESH_MS, sortDevices } from './device-view';
import { EnrolmentCodeForm, useWindowName } from './EnrolmentCodeForm';
import './devices.css';

const loadDevices = async () => (await apiRequest<{ devices: DeviceListItem[] }>('GET', ADMIN_DEVICE_PATHS.devices)).devices;

/**
 * The hall's tablets: a one-time enrolment code (and QR code) to set one up for a window, the list of enrolled
 * devices with what each last reported, and revocation.
 */
export function DevicesAdmin({ catalog, onSignedOut }: { catalog: AdminCatalog; onSignedOut: () => void }) {
  const { t } = useTranslation('admin');
  const windowName = useWindowName(catalog);
  // Fetched now and every 30 s while the tab is shown (and the browser tab visible), so the last-seen times and
  // queues follow the tablets' check-ins; the previous list stays shown under a refusal.
  const { data: devices, loadedAt = 0, loading, error, reload } = useAdminResource(loadDevices, onSignedOut, DEVICE_REFRESH_MS);
  const failure = error === undefined ? null : adminErrorText(t, error);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const windowOrder = catalog.units.flatMap((u) => windowsOf(catalog, u.id).map((w) => w.id));
  const shown = devices ? sortDevices(devices, windowOrder) : null;

  const onRevoked = async (id: string) => {
    setConfirming(null);
    setDone(t('devices.revoke.done', { id }));
    await reload();
    // The row's buttons are gone with the device's active state: keep the keyboard in the list.
    listHeading.current?.focus();
  };

  return (
    <section className="admin-section" aria-labelledby="devices-heading">
      <div className="section-head">
        <h2 id="devices-heading">{t('devices.heading')}</h2>
      </div>
      <p className="hint">{t('devices.intro')}</p>
      <EnrolmentCodeForm catalog={catalog} />

      <div className="section-head device-list-head">
        <h3 id="device-list-heading" ref={listHeading} tabIndex={-1}>
          {t('devices.list.heading')}
        </h3>
        {devices && (
          <span className="hint" data-testid="devices-updated">
            {t('devices.list.updatedAt', { time: cstClock(loadedAt) })}
          </span>
        )}
        <button type="button" className="secondary small" data-testid="refresh-devices" disabled={loading} onClick={() => void reload()}>
          {t('devices.list.refresh')}
        </button>
      </div>
      <p className="hint">{t('devices.list.hint')}</p>
      <FormFailure message={failure} />
      <FormDone message={done} />
      {shown === null && failure === null && <p className="hint">{t('loading')}</p>}
      {shown?.length === 0 && <p className="hint">{t('devices.list.empty')}</p>}
      {shown && shown.length > 0 && (
        <div className="device-list" aria-busy={loading}>
          <AdminTable
            testId="devices-table"
            headers={[
              t('devices.list.deviceId'),
              t('devices.list.window'),
              t('devices.list.enrolledAt'),
              t('devices.list.lastSeen'),
              t('devices.list.appVersion'),
              t('devices.list.queue'),
              t('devices.list.conflicts'),
              t('devices.list.deadLetters'),
              t('devices.list.storage'),
              t('common.status'),
            ]}
          >
            {shown.map((d) => (
              <DeviceRow
                key={d.id}
                device={d}
                windowName={windowName(d.windowId)}
                now={loadedAt}
                confirming={confirming === d.id}
                setConfirming={(open) => {
                  setDone(null);
                  setConfirming(open ? d.id : null);
                }}
                onRevoked={onRevoked}
                reload={reload}
              />
            ))}
          </AdminTable>
        </div>
      )}
    </section>
  );
}
