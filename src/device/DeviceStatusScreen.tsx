import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../app-context';
import { syncStatusWithRefusal, useDeviceRefusal } from '../data/device-refusal';
import { readDeviceId, readEnrolment, readKioskConfig } from '../data/kiosk-store';
import { useSession } from '../account/session';
import { contactRetentionDays } from '../data/contact-retention';
import { readHeldItems, useOutboxStatus, useStreamStatuses } from '../data/outbox-status';
import { exportUnsent, type UnsentExport } from '../data/unsent-export';
import { useIdleTimeout } from '../kiosk/useIdleTimeout';
import { pickLabel } from '../domain/locales';
import { currentLocale } from '../i18n';
import { LanguageSwitch } from '../kiosk/LanguageSwitch';
import { KIOSK_PATH } from '../routes';
import { describeClockOffset, formatCstFull } from './device-format';
import { downloadFile } from './download-file';
import { HeldItemsTable } from './HeldItemsTable';
import { RosterList } from './RosterList';
import { StaffUnlock, type Unlocked } from './StaffUnlock';
import { StreamStatusTable } from './StreamStatusTable';
import { useStorageInfo } from './useStorageInfo';
import './device.css';

/** How long /device stays open without a touch on a tablet that is not a kiosk and whose configuration names no idle time. */
const LOCK_AFTER_MS = 120_000;
/** On a kiosk, /device gives the tablet back to citizens after a minute without a touch. */
export const RETURN_TO_KIOSK_MS = 60_000;

/**
 * /device opens only for staff (PIN or session): it lists held records and offers the unsent-records file. On a
 * kiosk (a tablet holding a kiosk configuration) a minute without a touch locks it and goes back to the rating
 * screen, whether or not it was opened, so the next citizen finds the kiosk; elsewhere it locks after the idle time.
 * A session signed in here for it is signed out then, so a citizen finds none.
 */
export default function DeviceStatusRoute() {
  const { db } = useAppServices();
  const session = useSession(db);
  const [unlocked, setUnlocked] = useState<Unlocked | null>(null);
  // null: no kiosk configuration on this device; undefined: not read yet.
  const kioskSettings = useLiveQuery(async () => (await readKioskConfig(db))?.settings ?? null, [db]);
  const onKiosk = !!kioskSettings;
  const idleMs = kioskSettings?.idleTimeoutMs ?? LOCK_AFTER_MS;
  const { signOut } = session;
  // Stable between renders, so the idle timer is not restarted by every live-query update.
  const lock = useCallback(() => {
    if (unlocked?.signedInHere) void signOut();
    setUnlocked(null);
  }, [unlocked, signOut]);
  const backToKiosk = useCallback(async () => {
    if (unlocked?.signedInHere) await signOut();
    setUnlocked(null);
    window.location.assign(KIOSK_PATH);
  }, [unlocked, signOut]);
  useIdleTimeout(onKiosk, RETURN_TO_KIOSK_MS, backToKiosk);
  useIdleTimeout(kioskSettings === null && unlocked !== null, Math.max(idleMs, 30_000), lock);
  if (!unlocked || (unlocked.by === 'session' && session.state.status === 'signed-out')) return <StaffUnlock db={db} session={session} onUnlock={setUnlocked} />;
  return <DeviceStatusScreen who={unlocked.name} onLock={lock} returnsToKiosk={onKiosk} />;
}

/** For staff and administrators: the queue, what is held back and why, storage, and the last-resort export. */
function DeviceStatusScreen({ who, onLock, returnsToKiosk }: { who: string; onLock: () => void; returnsToKiosk: boolean }) {
  const { t } = useTranslation();
  const { db, sync } = useAppServices();
  const retentionDays = useLiveQuery(() => contactRetentionDays(db), [db]);
  const [exported, setExported] = useState<UnsentExport | null>(null);
  const status = useOutboxStatus(db);
  const streams = useStreamStatuses(db);
  const conflicts = useLiveQuery(() => readHeldItems(db, 'conflict'), [db]);
  const dead = useLiveQuery(() => readHeldItems(db, 'dead'), [db]);
  const deviceId = useLiveQuery(() => readDeviceId(db), [db]);
  const config = useLiveQuery(() => readKioskConfig(db), [db]);
  const enrolment = useLiveQuery(() => readEnrolment(db), [db]);
  const refusal = useDeviceRefusal(db);
  const storage = useStorageInfo();
  const [syncing, setSyncing] = useState(false);

  useEffect(() => {
    document.title = t('device.title');
  }, [t]);

  const syncNow = async () => {
    setSyncing(true);
    await sync.trigger('manual');
    setSyncing(false);
  };
  const exportNow = async () => {
    const file = await exportUnsent(db);
    downloadFile(`unsent-ratings-${deviceId ?? 'device'}-${Date.now()}.json`, file.json);
    setExported(file);
  };
  const offset = status?.clockOffsetMs;
  // The server's refusal of the tablet itself is kept apart from the engine's status; said here as before.
  const lastError = syncStatusWithRefusal(status?.sync, refusal)?.lastError;

  return (
    <main className="device-status">
      <header>
        <h1>{t('device.title')}</h1>
        <span data-testid="device-unlocked-by">{t('device.unlockedBy', { name: who })}</span>
        <button type="button" onClick={onLock}>
          {t('device.lock')}
        </button>
        <a className="device-back" href={KIOSK_PATH}>{t('device.back')}</a>
        <LanguageSwitch />
      </header>
      {returnsToKiosk && <p className="hint">{t('device.returnsToKiosk')}</p>}
      <dl className="device-facts">
        <dt>{t('device.window')}</dt>
        <dd>{config ? `${config.window.number} · ${pickLabel(config.window.name, currentLocale())}` : t('device.unknown')}</dd>
        <dt>{t('device.enrolment')}</dt>
        <dd data-testid="device-enrolment">{enrolment ? t('device.enrolledAt', { time: formatCstFull(enrolment.enrolledAt, t) }) : t('device.notEnrolled')}</dd>
        <dt>{t('device.deviceId')}</dt>
        <dd>
          <code>{deviceId ?? t('device.unknown')}</code>
        </dd>
        <dt>{t('device.queue')}</dt>
        <dd data-testid="device-queue">{status?.pending ?? 0}</dd>
        <dt>{t('device.lastSuccess')}</dt>
        <dd data-testid="device-last-success">{status?.sync?.lastSuccessAt ? formatCstFull(status.sync.lastSuccessAt, t) : t('status.neverSynced')}</dd>
        <dt>{t('device.lastError')}</dt>
        <dd>{lastError ? `${lastError.code}: ${lastError.message}` : t('device.none')}</dd>
        <dt>{t('device.clockOffset')}</dt>
        <dd data-testid="device-clock-offset">{offset === undefined ? t('device.unknown') : describeClockOffset(offset, t)}</dd>
        <dt>{t('device.persisted')}</dt>
        <dd>
          {storage.persisted ? t('device.persistedYes') : t('device.persistedNo')}{' '}
          {!storage.persisted && (
            <button type="button" onClick={storage.requestPersist}>
              {t('device.requestPersist')}
            </button>
          )}
        </dd>
        <dt>{t('device.storage')}</dt>
        <dd>{storage.usage === undefined ? t('device.unknown') : t('device.quota', { used: storage.usage, quota: storage.quota })}</dd>
      </dl>
      <div className="device-actions">
        <button type="button" className="primary" onClick={syncNow} disabled={syncing}>
          {syncing ? t('device.syncing') : t('device.syncNow')}
        </button>
        <button type="button" onClick={exportNow}>
          {t('device.export')}
        </button>
        <p className="hint">{t('device.exportWarning')}</p>
        {exported && (
          <p role="status" data-testid="export-result" data-contact={exported.contact}>
            {t(`device.exported.${exported.contact}`, { count: exported.count })}
          </p>
        )}
      </div>
      <p className="hint" data-testid="contact-retention">
        {retentionDays === undefined ? null : t('device.contactRetention', { days: retentionDays })}
      </p>
      <StreamStatusTable streams={streams} />
      <RosterList roster={config?.roster ?? []} />
      <HeldItemsTable title={t('device.conflicts')} help={t('device.conflictHelp')} items={conflicts} testId="conflicts" />
      <HeldItemsTable title={t('device.deadLetters')} help={t('device.deadHelp')} items={dead} testId="dead-letters" />
    </main>
  );
}
