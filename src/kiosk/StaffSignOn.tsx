import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { StaffCard } from '../domain/sync-api';
import type { KioskDatabase } from '../data/db';
import { checkStaffPin } from './pin-attempts';
import { PinPad } from './PinPad';
import { RosterButtons } from './RosterButtons';
import { useModal } from './useModal';
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
 * offline. Signing off needs the PIN of the person on duty. Too many wrong PINs lock that staff member's sign-on for a while.
 */
export default function StaffSignOn({ db, roster, signedOnId, onSignOn, onSignOff, onClose }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onDuty = roster.find((s) => s.id === signedOnId) ?? null;
  // Modal in fact, not only in name: the level buttons behind it must not take Tab, taps or a screen reader.
  const dialogRef = useRef<HTMLElement>(null);
  const trapTab = useModal(dialogRef, onClose, step);

  const choose = (staff: StaffCard, action: 'on' | 'off') => {
    setPin('');
    setMessage(staff.pinHash ? null : t('duty.noPin'));
    setStep({ kind: 'pin', staff, action });
  };

  const submit = async () => {
    if (step.kind !== 'pin' || !step.staff.pinHash) return;
    setBusy(true);
    try {
      const check = await checkStaffPin(db, step.staff, pin);
      if (check.kind !== 'ok') {
        setPin('');
        if (check.kind === 'locked') setMessage(t('duty.locked', { minutes: check.minutes }));
        else if (check.kind === 'wrong') setMessage(t('duty.wrongPin', { left: check.left }));
        return;
      }
      if (step.action === 'on') await onSignOn(step.staff.id);
      else await onSignOff();
      onClose();
    } finally {
      setBusy(false);
    }
  };

  // Rendered beside the app, not in it, so the whole kiosk can be made inert while the dialog stays live.
  return createPortal(
    <div className="sign-on-backdrop">
      <section className="sign-on" role="dialog" aria-modal="true" aria-labelledby="sign-on-title" ref={dialogRef} tabIndex={-1} onKeyDown={trapTab}>
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
            <RosterButtons roster={roster} onPick={(s) => choose(s, 'on')} labelFor={(s) => t('duty.signOnAs', { name: s.name, no: s.employeeNo })} />
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
    </div>,
    document.body,
  );
}
