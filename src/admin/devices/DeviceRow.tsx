import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, ApiRequestError } from '../../account/api-client';
import { ADMIN_DEVICE_PATHS, type DeviceListItem } from '../../domain/device-api';
import { formatCstIso } from '../../domain/time';
import { FormFailure } from '../shared/AdminForm';
import { cstMinute, isStale, seenAgo } from './device-view';
import { useAction } from '../shared/useAction';

/** Columns of the device table, the actions column included (for the confirmation row's colSpan). */
export const DEVICE_COLUMNS = 11;

interface DeviceRowProps {
  device: DeviceListItem;
  windowName: string;
  /** When the list was fetched: the reference for "N minutes ago". */
  now: number;
  confirming: boolean;
  setConfirming: (open: boolean) => void;
  onRevoked: (id: string) => Promise<void>;
  reload: () => Promise<void>;
}

/** Date and time of day, each unbroken, so a narrow column wraps between them rather than inside. */
function CstTime({ ms }: { ms: number }) {
  const [date, time] = cstMinute(ms).split(' ');
  return (
    <time dateTime={formatCstIso(ms)}>
      <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
    </time>
  );
}

/** A count the device reported; "—" before its first report. Conflicts and refused records want attention. */
function CountCell({ value, warn }: { value: number | null; warn?: boolean }) {
  const { t } = useTranslation('admin');
  if (value === null) return <td className="num">{t('devices.list.noValue')}</td>;
  return <td className={warn && value > 0 ? 'num cell-warn' : 'num'}>{value}</td>;
}

function LastSeenCell({ device, now }: { device: DeviceListItem; now: number }) {
  const { t } = useTranslation('admin');
  const stale = isStale(device, now);
  if (device.lastSeenAt === null) {
    return <td className={stale ? 'cell-warn' : undefined}>{t('devices.list.never')}</td>;
  }
  const ago = seenAgo(device.lastSeenAt, now);
  const agoText = ago.unit === 'justNow' ? t('devices.list.justNow') : t(`devices.list.${ago.unit}Ago`, { count: ago.count });
  return (
    <td className={stale ? 'cell-warn' : undefined} data-stale={stale || undefined}>
      <CstTime ms={device.lastSeenAt} />
      <span className="seen-ago">{agoText}</span>
      {stale && <span className="badge badge-warn">{t('devices.list.stale')}</span>}
    </td>
  );
}

function StorageCell({ persisted }: { persisted: boolean | null }) {
  const { t } = useTranslation('admin');
  if (persisted === null) return <td>{t('devices.list.storageUnknown')}</td>;
  return persisted ? <td>{t('devices.list.storageYes')}</td> : <td className="cell-warn">{t('devices.list.storageNo')}</td>;
}

/** One enrolled tablet; an active one can be revoked after a confirmation shown in a row beneath it. */
export function DeviceRow({ device, windowName, now, confirming, setConfirming, onRevoked, reload }: DeviceRowProps) {
  const { t } = useTranslation('admin');
  const action = useAction();
  // A refusal stays beside the row until the administrator cancels the attempt or tries again.
  const [showFailure, setShowFailure] = useState(true);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const active = device.revokedAt === null;
  const confirmId = `revoke-confirm-${useId()}`;

  // Closing the confirmation (Cancel, or a refusal) puts the keyboard back on the row's button.
  useEffect(() => {
    if (wasConfirming.current && !confirming) revokeRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const revoke = () =>
    action.run(async () => {
      setShowFailure(true);
      try {
        await apiRequest('POST', `${ADMIN_DEVICE_PATHS.devices}/${encodeURIComponent(device.id)}/revoke`);
      } catch (err) {
        // Revoked or gone meanwhile (another administrator): the list is out of date, so show what is true now.
        if (err instanceof ApiRequestError && (err.code === 'ALREADY_REVOKED' || err.code === 'NOT_FOUND')) {
          setConfirming(false);
          await reload();
        }
        throw err;
      }
      await onRevoked(device.id);
    });

  return (
    <>
      <tr data-device-id={device.id} data-testid="device-row" className={active ? undefined : 'row-inactive'}>
        <th scope="row" className="mono device-id">
          {device.id}
        </th>
        <td className="window-cell">{windowName}</td>
        <td>
          <CstTime ms={device.enrolledAt} />
        </td>
        <LastSeenCell device={device} now={now} />
        <td className="mono">{device.appVersion ?? t('devices.list.noValue')}</td>
        <CountCell value={device.queueDepth} />
        <CountCell value={device.conflicts} warn />
        <CountCell value={device.deadLetters} warn />
        <StorageCell persisted={device.storagePersisted} />
        <td>
          {active ? (
            <span className="badge badge-on">{t('devices.list.active')}</span>
          ) : (
            <>
              <span className="badge badge-off">{t('devices.list.revoked')}</span>
              <span className="seen-ago">
                <CstTime ms={device.revokedAt!} />
              </span>
            </>
          )}
        </td>
        <td>
          {active && (
            <button
              ref={revokeRef}
              type="button"
              className="secondary small"
              data-testid="revoke-device"
              aria-label={t('devices.revoke.buttonLabel', { id: device.id })}
              aria-expanded={confirming}
              aria-controls={confirming ? confirmId : undefined}
              disabled={action.busy}
              onClick={() => setConfirming(!confirming)}
            >
              {t('devices.revoke.button')}
            </button>
          )}
        </td>
      </tr>
      {!confirming && showFailure && action.failure && (
        <tr className="failure-row">
          <td colSpan={DEVICE_COLUMNS}>
            <FormFailure message={action.failure} />
          </td>
        </tr>
      )}
      {confirming && (
        <ConfirmRevoke
          id={confirmId}
          device={device}
          busy={action.busy}
          failure={showFailure ? action.failure : null}
          onConfirm={() => void revoke()}
          onCancel={() => {
            setShowFailure(false);
            setConfirming(false);
          }}
        />
      )}
    </>
  );
}

interface ConfirmProps {
  id: string;
  device: DeviceListItem;
  busy: boolean;
  failure: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What revoking does, said before it is done; Cancel has the focus, so a stray Enter revokes nothing. */
function ConfirmRevoke({ id, device, busy, failure, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useTranslation('admin');
  const uid = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <tr id={id} className="confirm-row" data-testid="revoke-confirm" data-confirm-device-id={device.id}>
      <td colSpan={DEVICE_COLUMNS}>
        <div role="group" aria-labelledby={`${uid}-title`} aria-describedby={`${uid}-text`} onKeyDown={(e) => e.key === 'Escape' && !busy && onCancel()}>
          <p id={`${uid}-title`} className="confirm-title">
            {t('devices.revoke.confirmTitle', { id: device.id })}
          </p>
          <div id={`${uid}-text`}>
            <p>{t('devices.revoke.explain')}</p>
            {device.queueDepth !== null && device.queueDepth > 0 && <p>{t('devices.revoke.waiting', { count: device.queueDepth })}</p>}
            <p>{t('devices.revoke.again')}</p>
          </div>
          <FormFailure message={failure} />
          <div className="admin-actions">
            <button
              type="button"
              className="danger"
              data-testid="confirm-revoke"
              aria-label={t('devices.revoke.confirmLabel', { id: device.id })}
              disabled={busy}
              onClick={onConfirm}
            >
              {busy ? t('devices.revoke.revoking') : t('devices.revoke.confirm')}
            </button>
            <button ref={cancelRef} type="button" className="secondary" data-testid="cancel-revoke" disabled={busy} onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      </td>
    </tr>
  );
}
