import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../account/session';
import { SignInScreen } from '../account/SignInScreen';
import { useNamespaces } from '../account/useNamespace';
import type { KioskDatabase } from '../data/db';
import { readKioskConfig } from '../data/kiosk-store';
import type { StaffCard } from '../domain/sync-api';
import { LanguageSwitch } from '../kiosk/LanguageSwitch';
import { PinPad } from '../kiosk/PinPad';
import { checkStaffPin } from '../kiosk/pin-attempts';
import { RosterButtons } from '../kiosk/RosterButtons';
import { KIOSK_PATH } from '../routes';
import '../kiosk/sign-on.css';

export type Unlocked = { by: 'pin' | 'session'; name: string; signedInHere: boolean };

/**
 * /device sits on a tablet citizens touch: it opens only for staff, with a roster member's PIN (checked offline
 * against the roster's hashes, wrong PINs locking that person only) or a staff session.
 */
export function StaffUnlock({ db, session, onUnlock }: { db: KioskDatabase; session: Session; onUnlock: (u: Unlocked) => void }) {
  const { t } = useTranslation();
  const roster = useLiveQuery(async () => (await readKioskConfig(db))?.roster ?? [], [db]);
  const [staff, setStaff] = useState<StaffCard | null>(null);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withAccount, setWithAccount] = useState(false);
  const staffTexts = useNamespaces('staff');
  // A session started on this screen is ended when /device locks again; one that was there before is left alone.
  const signingInHere = useRef(false);

  useEffect(() => {
    if (session.state.status === 'signed-in') onUnlock({ by: 'session', name: session.state.me.name, signedInHere: signingInHere.current });
  }, [session.state, onUnlock]);

  const submit = async () => {
    if (!staff) return;
    setBusy(true);
    try {
      const check = await checkStaffPin(db, staff, pin);
      setPin('');
      if (check.kind === 'ok') onUnlock({ by: 'pin', name: staff.name, signedInHere: false });
      else if (check.kind === 'locked') setMessage(t('duty.locked', { minutes: check.minutes }));
      else if (check.kind === 'wrong') setMessage(t('duty.wrongPin', { left: check.left }));
      else setMessage(t('duty.noPin'));
    } finally {
      setBusy(false);
    }
  };

  if (withAccount && staffTexts) {
    return (
      <SignInScreen
        title={t('device.title')}
        onSignedIn={(me) => {
          signingInHere.current = true;
          void session.signedIn(me);
        }}
      />
    );
  }
  return (
    <main className="device-status device-unlock">
      <header>
        <h1>{t('device.title')}</h1>
        <a className="device-back" href={KIOSK_PATH}>{t('device.back')}</a>
        <LanguageSwitch />
      </header>
      <p data-testid="device-locked">{t('device.unlockText')}</p>
      {staff ? (
        <section className="sign-on">
          <h2>{t('duty.pinFor', { name: staff.name })}</h2>
          <PinPad value={pin} onChange={setPin} onSubmit={() => void submit()} disabled={busy || !staff.pinHash} />
          {message && (
            <p className="field-error" role="alert">
              {message}
            </p>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setStaff(null);
              setMessage(null);
            }}
          >
            {t('duty.back')}
          </button>
        </section>
      ) : (
        <RosterButtons
          roster={roster ?? []}
          onPick={(s) => {
            setPin('');
            setMessage(s.pinHash ? null : t('duty.noPin'));
            setStaff(s);
          }}
          labelFor={(s) => t('device.unlockAs', { name: s.name, no: s.employeeNo })}
        />
      )}
      <button type="button" onClick={() => setWithAccount(true)}>
        {t('device.unlockWithAccount')}
      </button>
    </main>
  );
}
