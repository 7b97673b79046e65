import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** Six digits by touch (a kiosk may have no keyboard) or by keys; the digits show only as dots. */
export function PinPad({ value, onChange, onSubmit, disabled }: { value: string; onChange: (v: string) => void; onSubmit: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') onChange('');
    else if (key === 'back') onChange(value.slice(0, -1));
    else if (value.length < 6) onChange(value + key);
  };
  // The key listener reads the props of the last commit, not of the render it was registered in: a listener
  // re-registered by a passive effect is stale for a moment after each commit, and a key typed in that moment
  // (right after a 'wrong PIN' message) was dropped.
  const latest = useRef({ value, onChange, onSubmit, disabled });
  useLayoutEffect(() => {
    latest.current = { value, onChange, onSubmit, disabled };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { value, onChange, onSubmit, disabled } = latest.current;
      if (disabled) return;
      if (/^\d$/.test(e.key) && value.length < 6) onChange(value + e.key);
      else if (e.key === 'Backspace') onChange(value.slice(0, -1));
      else if (e.key === 'Enter' && value.length === 6) onSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="pin-pad">
      <output className="pin-dots" aria-label={t('duty.pinEntered', { count: value.length })}>
        {Array.from({ length: 6 }, (_, i) => (
          <span key={i} className={i < value.length ? 'dot filled' : 'dot'} aria-hidden="true" />
        ))}
      </output>
      <div className="pin-keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className={key === 'clear' ? 'pin-key-word' : undefined}
            disabled={disabled}
            onClick={() => press(key)}
            aria-label={key.length === 1 ? key : t(`duty.${key === 'back' ? 'back_key' : key}`)}
          >
            {key.length === 1 ? key : key === 'back' ? '⌫' : t('duty.clear')}
          </button>
        ))}
      </div>
      <button type="button" className="primary pin-ok" disabled={disabled || value.length !== 6} onClick={onSubmit}>
        {t('duty.confirm')}
      </button>
    </div>
  );
}
