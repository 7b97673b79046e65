import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskDialog } from './KioskDialog';

/** How long 还在吗？ waits for an answer before the unfinished rating is dropped. */
export const STILL_THERE_MS = 15_000;

interface Props {
  onContinue: () => void;
  onTimeout: () => void;
}

/**
 * Asked after the idle time on the reason screen, before an unfinished bad rating is dropped: a countdown the
 * citizen can see, and a button to go on with what they typed.
 */
export function StillThereDialog({ onContinue, onTimeout }: Props) {
  const { t } = useTranslation();
  const [deadline] = useState(() => Date.now() + STILL_THERE_MS);
  const [left, setLeft] = useState(Math.ceil(STILL_THERE_MS / 1000));
  const ended = useRef(false);
  useEffect(() => {
    // Computed from the deadline, not by counting ticks: a busy tablet may fire a tick late.
    const tick = () => {
      const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(seconds);
      if (seconds === 0 && !ended.current) {
        ended.current = true; // once: a late tick must not drop (and count) twice
        onTimeout();
      }
    };
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [deadline, onTimeout]);
  return (
    <KioskDialog
      title={t('stillThere.title')}
      actions={
        <button type="button" className="primary" onClick={onContinue}>
          {t('stillThere.continue')}
        </button>
      }
    >
      <p>{t('stillThere.text')}</p>
      <p className="countdown" aria-live="off">
        {t('stillThere.seconds', { count: left })}
      </p>
    </KioskDialog>
  );
}
