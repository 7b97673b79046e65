import { lazy, memo, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../app-context';
import { ensureDeviceId } from '../data/device-id';
import type { RatingDraft } from '../data/submit-rating';
import { DEFAULT_LOCALE, pickLabel } from '../domain/locales';
import type { KioskConfig, KioskSettings } from '../domain/sync-api';
import { currentLocale, setLanguage } from '../i18n';
import { useApplyUpdateWhenIdle } from '../pwa/useApplyUpdateWhenIdle';
import { LanguageSwitch } from './LanguageSwitch';
import { LevelButtons } from './LevelButtons';
import { StaffCard } from './StaffCard';
import { StatusStrip } from './StatusStrip';
import { StillThereDialog } from './StillThereDialog';
import { ThankYou } from './ThankYou';
import { KioskAnnouncer } from './KioskAnnouncer';
import { useIdleTimeout } from './useIdleTimeout';
import { useKioskFlow } from './useKioskFlow';
import { useOnDuty } from './useOnDuty';
import { loadInvitationChunk, useInvitation, useMarkShown } from './useInvitation';
import { InvitationBanner } from './InvitationBanner';
import { afterNextFrame } from './tap-timing';

const loadReasonScreen = () => import('./ReasonScreen');
// The record validator is not needed to paint the kiosk; it is fetched while idle, well before a tap, and kept:
// awaiting import() again at the tap, even of a module already loaded, waits for the next frame (~12 ms measured).
type RatingWriter = typeof import('../data/submit-rating');
let ratingWriter: RatingWriter | undefined;
const loadRatingWriter = async () => (ratingWriter ??= await import('../data/submit-rating'));
// Its schema stays out of the first paint too: it is needed only once a bad rating is left.
const loadAbandonWriter = () => import('../data/abandoned-taps');
const ReasonScreen = lazy(loadReasonScreen);
const StaffSignOn = lazy(() => import('./StaffSignOn'));
// The staff panel's invitation list, PIN pad and schemas: fetched only when the person on duty opens it.
const InvitePanel = lazy(() => loadInvitationChunk().then((m) => ({ default: m.InvitePanel })));

/** `?thanksMs=` and `?idleMs=` shorten the timings for benchmarks and tests. */
function settingsFromUrl(base: KioskSettings): KioskSettings {
  const q = new URLSearchParams(window.location.search);
  const num = (name: string) => {
    const v = Number(q.get(name));
    return Number.isInteger(v) && v > 0 ? v : undefined;
  };
  return { ...base, thankYouMs: num('thanksMs') ?? base.thankYouMs, idleTimeoutMs: num('idleMs') ?? base.idleTimeoutMs };
}

/** The rating screen of a configured kiosk: staff card, five levels, reasons, thanks; and staff sign-on. */
export const ReadyKiosk = memo(function ReadyKiosk({ config }: { config: KioskConfig }) {
  const { t } = useTranslation();
  const { db, sync } = useAppServices();
  const settings = settingsFromUrl(config.settings);
  const duty = useOnDuty(db, config);
  const [signingOn, setSigningOn] = useState(false);
  const [inviting, setInviting] = useState(false);
  const invitation = useInvitation(db);

  useEffect(() => {
    // Every tap writes a rating: the writer is fetched while idle. The reason screen and its form library serve
    // only a bad rating: not loaded by an idle kiosk (a slower first paint for nothing), but at the first touch or
    // key, which comes before the tap's click; the service worker has it precached, so it is there in time.
    const id = window.setTimeout(() => void loadRatingWriter(), 500);
    const early = () => void loadReasonScreen();
    const opts = { once: true, capture: true, passive: true } as const;
    window.addEventListener('pointerdown', early, opts);
    window.addEventListener('keydown', early, opts);
    return () => {
      window.clearTimeout(id);
      window.removeEventListener('pointerdown', early, opts);
      window.removeEventListener('keydown', early, opts);
    };
  }, []);

  const save = useCallback(
    async (draft: RatingDraft) => {
      const { buildRatingRecord, submitRating } = ratingWriter ?? (await loadRatingWriter());
      const deviceId = await ensureDeviceId(db);
      // The invitation on screen at the tap links this rating (submitRating clears it in the rating's transaction).
      const record = buildRatingRecord(draft, { config, deviceId, locale: currentLocale(), staffId: duty.serving?.id, invitation: invitation ?? undefined });
      await submitRating(db, record);
      // The upload starts after the thank-you frame, so its reads and request do not compete with that frame.
      afterNextFrame(() => void sync.trigger('submit'));
    },
    [db, sync, config, duty.serving?.id, invitation],
  );
  // Each citizen starts in the hall's language; one who switched does not leave it switched for the next. The
  // reset comes when a rating ends or a non-idle screen was left: never on the idle screen itself, where a
  // citizen who chose Tibetan may still be reading (issue 11, item 6).
  const onIdle = useCallback(() => {
    if (currentLocale() !== DEFAULT_LOCALE) void setLanguage(DEFAULT_LOCALE);
  }, []);
  const windowId = config.window.id;
  const onAbandon = useCallback(() => {
    void loadAbandonWriter()
      .then(({ queueAbandonedTap }) => queueAbandonedTap(db, windowId))
      .then(() => sync.trigger('submit'))
      .catch((err) => console.warn('abandoned tap not counted', err));
  }, [db, sync, windowId]);
  const flow = useKioskFlow({ save, thankYouMs: settings.thankYouMs, onIdle, onAbandon });
  const [idleResets, setIdleResets] = useState(0);
  const [askingStillThere, setAskingStillThere] = useState(false);
  const onReasons = flow.screen.name === 'reasons';
  // Shown on the idle and reason screens; its first showing there is the rating's invitedAt.
  const showsInvitation = flow.screen.name === 'idle' || flow.screen.name === 'reasons';
  useMarkShown(db, invitation, showsInvitation);
  const timeout = useCallback(() => {
    // An unfinished bad rating is not dropped silently: 还在吗？ first, with its countdown.
    if (onReasons) return setAskingStillThere(true);
    flow.goIdle();
    setSigningOn(false);
    setInviting(false);
    setIdleResets((n) => n + 1);
  }, [flow.goIdle, onReasons]);
  const stillThereTimeout = useCallback(() => {
    setAskingStillThere(false);
    flow.drop();
    setIdleResets((n) => n + 1);
  }, [flow.drop]);
  const stillThere = useCallback(() => setAskingStillThere(false), []);
  useIdleTimeout((flow.screen.name !== 'idle' || signingOn || inviting) && !askingStillThere, settings.idleTimeoutMs, timeout);
  const { updateReady } = useApplyUpdateWhenIdle(flow.screen.name === 'idle');

  return (
    <main className="kiosk" data-screen={flow.screen.name} data-idle-resets={idleResets}>
      <header className="kiosk-header">
        <StaffCard config={config} staff={duty.serving} />
        <div className="kiosk-header-side">
          {config.demo && <span className="demo-badge">{t('app.demo')}</span>}
          <LanguageSwitch />
          {flow.screen.name === 'idle' && duty.signedOnId && (
            <button type="button" className="sign-on-button" onClick={() => setInviting(true)}>
              {t('invite.button')}
            </button>
          )}
          {flow.screen.name === 'idle' && (
            <button type="button" className="sign-on-button" onClick={() => setSigningOn(true)}>
              {t('duty.signOnButton')}
            </button>
          )}
        </div>
      </header>
      <div className="kiosk-body">
        {invitation && showsInvitation && <InvitationBanner held={invitation} />}
        {flow.screen.name === 'idle' && (
          <>
            <h1 className="kiosk-prompt">{t('kiosk.prompt')}</h1>
            <LevelButtons disabled={flow.saving} onChoose={flow.chooseLevel} />
          </>
        )}
        {flow.screen.name === 'reasons' && (
          <Suspense fallback={null}>
            <ReasonScreen level={flow.screen.level} reasons={config.reasons} saving={flow.saving} onSubmit={flow.submit} onBack={flow.back} />
          </Suspense>
        )}
        {flow.screen.name === 'thanks' && <ThankYou tapTime={flow.screen.tapTime} level={flow.screen.level} />}
        {flow.saveFailed && (
          <p className="save-failed" role="alert">
            {t('kiosk.saveFailed')}
          </p>
        )}
      </div>
      <KioskAnnouncer
        message={
          flow.screen.name === 'thanks'
            ? t('thanks.announce', { level: t(`level.${flow.screen.level}`) })
            : invitation && showsInvitation
              ? `${t('invite.prompt')} ${pickLabel(invitation.invitation.serviceItemName, currentLocale())}`
              : ''
        }
      />
      {askingStillThere && onReasons && <StillThereDialog onContinue={stillThere} onTimeout={stillThereTimeout} />}
      <StatusStrip db={db} updateReady={updateReady} />
      {signingOn && (
        <Suspense fallback={null}>
          <StaffSignOn
            db={db}
            roster={config.roster ?? []}
            signedOnId={duty.signedOnId}
            onSignOn={duty.signOn}
            onSignOff={duty.signOff}
            onClose={() => setSigningOn(false)}
          />
        </Suspense>
      )}
      {inviting && duty.serving && duty.signedOnId && (
        <Suspense fallback={null}>
          <InvitePanel db={db} config={config} staff={duty.serving} held={invitation} onClose={() => setInviting(false)} />
        </Suspense>
      )}
    </main>
  );
});
