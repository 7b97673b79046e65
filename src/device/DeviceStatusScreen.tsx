import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../app-context';
import { getMeta } from '../data/meta';
import { useSession } from '../account/session';
import { contactRetentionDays } from '../data/contact-retention';
import { readHeldItems, useOutboxStatus } from '../data/outbox-status';
import { exportUnsent, type UnsentExport } from '../data/unsent-export';
import { useIdleTimeout } from '../kiosk/useIdleTimeout';
import { pickLabel } from '../domain/locales';
import { formatCstIso, formatCstMinute } from '../domain/time';
import { currentLocale } from '../i18n';
import { LanguageSwitch } from '../kiosk/LanguageSwitch';
import { KIOSK_PATH } from '../routes';
import { downloadFile } from './download-file';
import { HeldItemsTable } from './HeldItemsTable';
import { RosterList } from './RosterList';
import { StaffUnlock, type Unlocked } from './StaffUnlock';
import { useStorageInfo } from './useStorageInfo';
import './device.css';

/** How long /device stays open without a touch when the kiosk configuration names no idle time. */
const LOCK_AFTER_MS = 120_000;

/**
 * /device opens only for staff (PIN or session): it lists held records and offers the unsent-records file. It locks
 * again after the kiosk's idle time; a session signed in here for it is signed out then, so a citizen finds none.
 */
export default function DeviceStatusRoute() {
  const { db } = useAppServices();
  const session = useSession(db);
  const [unlocked, setUnlocked] = useState<Unlocked | null>(null);
  const idleMs = useLiveQuery(async () => (await getMeta(db, 'kioskConfig'))?.settings.idleTimeoutMs ?? LOCK_AFTER_MS, [db]);
  const { signOut } = session;
  // Stable between renders, so the idle timer is not restarted by every live-query update.
  const lock = useCallback(() => {
    if (unlocked?.signedInHere) void signOut();
    setUnlocked(null);
  }, [unlocked, signOut]);
  useIdleTimeout(unlocked !== null, Math.max(idleMs ?? LOCK_AFTER_MS, 30_000), lock);
  if (!unlocked || (unlocked.by === 'session' && session.state.status === 'signed-out')) return <StaffUnlock db={db} session={session} onUnlock={setUnlocked} />;
  return <DeviceStatusScreen who={unlocked.name} onLock={lock} />;
}

/** For staff and administrators: the queue, what is held back and why, storage, and the last-resort export. */
function DeviceStatusScreen({ who, onLock }: { who: string; onLock: () => void }) {
  const { t } = useTranslation();
  const { db, sync } = useAppServices();
  const retentionDays = useLiveQuery(() => contactRetentionDays(db), [db]);
  const [exported, setExported] = useState<UnsentExport | null>(null);
  const status = useOutboxStatus(db);
  const conflicts = useLiveQuery(() => readHeldItems(db, 'conflict'), [db]);
  const dead = useLiveQuery(() => readHeldItems(db, 'dead'), [db]);
  const deviceId = useLiveQuery(() => getMeta(db, 'deviceId'), [db]);
  const config = useLiveQuery(() => getMeta(db, 'kioskConfig'), [db]);
  const enrolment = useLiveQuery(() => getMeta(db, 'device'), [db]);
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
  const lastError = status?.sync?.lastError;

  return (
    <main className="device-status">
      <header>
        <h1>{t('device.title')}</h1>
        <span data-testid="device-unlocked-by">{t('device.unlockedBy', { name: who })}</span>
        <button type="button" onClick={onLock}>
          {t('device.lock')}
        </button>
        <a href={KIOSK_PATH}>{t('device.back')}</a>
        <LanguageSwitch />
      </header>
      <dl className="device-facts">
        <dt>{t('device.window')}</dt>
        <dd>{config ? `${config.window.number} · ${pickLabel(config.window.name, currentLocale())}` : t('device.unknown')}</dd>
        <dt>{t('device.enrolment')}</dt>
        <dd data-testid="device-enrolment">{enrolment ? t('device.enrolledAt', { time: formatCstMinute(enrolment.enrolledAt) }) : t('device.notEnrolled')}</dd>
        <dt>{t('device.deviceId')}</dt>
        <dd>
          <code>{deviceId ?? t('device.unknown')}</code>
        </dd>
        <dt>{t('device.queue')}</dt>
        <dd data-testid="device-queue">{status?.pending ?? 0}</dd>
        <dt>{t('device.lastSuccess')}</dt>
        <dd>{status?.sync?.lastSuccessAt ? formatCstIso(status.sync.lastSuccessAt) : t('status.neverSynced')}</dd>
        <dt>{t('device.lastError')}</dt>
        <dd>{lastError ? `${lastError.code}: ${lastError.message}` : t('device.none')}</dd>
        <dt>{t('device.clockOffset')}</dt>
        <dd>{offset === undefined ? t('device.unknown') : t('device.clockOffsetValue', { seconds: (offset / 1000).toFixed(1) })}</dd>
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
      <RosterList roster={config?.roster ?? []} />
      <HeldItemsTable title={t('device.conflicts')} help={t('device.conflictHelp')} items={conflicts} testId="conflicts" />
      <HeldItemsTable title={t('device.deadLetters')} help={t('device.deadHelp')} items={dead} testId="dead-letters" />
    </main>
  );
}
