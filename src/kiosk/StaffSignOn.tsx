import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { verifyPin } from '../domain/pin';
import type { StaffCard } from '../domain/sync-api';
import type { KioskDatabase } from '../data/db';
import { getMeta, setMeta } from '../data/meta';
import { MAX_PIN_FAILURES, PIN_LOCK_MS } from './on-duty';
import { PinPad } from './PinPad';
import { StaffPhoto } from './StaffPhoto';
import './sign-on.css';

interface Props {
  db: KioskDatabase;
  roster: StaffCard[];
  signedOnId: string | null;
  onSignOn: (staffId: string) => Promise<void>;
  onSignOff: () => Promise<void>;
  onClose: () => void;
}

type Step = { kind: 'pick' } | { kind: 'pin'; staff: StaffCard; action: 'on' | 'off' };

/**
 * Staff go on duty with their 工号 card and PIN, checked here against the roster the kiosk holds, so it works
 * offline. Signing off needs the PIN of the person on duty. Too many wrong PINs lock sign-on for a while.
 */
export default function StaffSignOn({ db, roster, signedOnId, onSignOn, onSignOff, onClose }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onDuty = roster.find((s) => s.id === signedOnId) ?? null;

  const choose = (staff: StaffCard, action: 'on' | 'off') => {
    setPin('');
    setMessage(staff.pinHash ? null : t('duty.noPin'));
    setStep({ kind: 'pin', staff, action });
  };

  const submit = async () => {
    if (step.kind !== 'pin' || !step.staff.pinHash) return;
    setBusy(true);
    try {
      const failures = (await getMeta(db, 'pinFailures')) ?? { count: 0, lockedUntil: 0 };
      const now = Date.now();
      if (failures.lockedUntil > now) {
        setMessage(t('duty.locked', { minutes: Math.ceil((failures.lockedUntil - now) / 60_000) }));
        return;
      }
      if (!(await verifyPin(pin, step.staff.pinHash))) {
        const count = failures.count + 1;
        const locked = count >= MAX_PIN_FAILURES;
        await setMeta(db, 'pinFailures', { count: locked ? 0 : count, lockedUntil: locked ? now + PIN_LOCK_MS : 0 });
        setPin('');
        setMessage(locked ? t('duty.locked', { minutes: PIN_LOCK_MS / 60_000 }) : t('duty.wrongPin', { left: MAX_PIN_FAILURES - count }));
        return;
      }
      await setMeta(db, 'pinFailures', { count: 0, lockedUntil: 0 });
      if (step.action === 'on') await onSignOn(step.staff.id);
      else await onSignOff();
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-on-backdrop">
      <section className="sign-on" role="dialog" aria-modal="true" aria-labelledby="sign-on-title">
        <header>
          <h2 id="sign-on-title">{step.kind === 'pick' ? t('duty.title') : t(step.action === 'on' ? 'duty.pinFor' : 'duty.pinToSignOff', { name: step.staff.name })}</h2>
          <button type="button" onClick={onClose}>
            {t('duty.close')}
          </button>
        </header>
        {step.kind === 'pick' ? (
          <>
            {onDuty && (
              <p className="sign-on-current">
                {t('duty.current', { name: onDuty.name })}{' '}
                <button type="button" onClick={() => choose(onDuty, 'off')}>
                  {t('duty.signOff')}
                </button>
              </p>
            )}
            <p className="hint">{t('duty.pick')}</p>
            <ul className="sign-on-roster">
              {roster.map((s) => (
                <li key={s.id}>
                  <button type="button" onClick={() => choose(s, 'on')} aria-label={t('duty.signOnAs', { name: s.name, no: s.employeeNo })}>
                    <StaffPhoto staff={s} className="roster-photo" />
                    <span>{s.name}</span>
                    <span className="hint">{s.employeeNo}</span>
                  </button>
                </li>
              ))}
            </ul>
            {roster.length === 0 && <p>{t('duty.emptyRoster')}</p>}
          </>
        ) : (
          <>
            <PinPad value={pin} onChange={setPin} onSubmit={() => void submit()} disabled={busy || !step.staff.pinHash} />
            {message && (
              <p className="field-error" role="alert">
                {message}
              </p>
            )}
            <button type="button" className="secondary" onClick={() => setStep({ kind: 'pick' })}>
              {t('duty.back')}
            </button>
          </>
        )}
      </section>
    </div>
  );
}
