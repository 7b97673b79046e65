import { useEffect } from 'react';
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
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (disabled) return;
      if (/^\d$/.test(e.key) && value.length < 6) onChange(value + e.key);
      else if (e.key === 'Backspace') onChange(value.slice(0, -1));
      else if (e.key === 'Enter' && value.length === 6) onSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [value, onChange, onSubmit, disabled]);
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
