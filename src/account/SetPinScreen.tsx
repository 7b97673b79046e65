import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AUTH_PATHS, type Me } from '../domain/account-api';
import { isWeakPin, PIN_PATTERN } from '../domain/pin';
import { FieldError } from '../kiosk/FieldError';
import { apiRequest } from './api-client';
import { errorText, fieldOfRefusal } from './error-text';
import './account.css';

interface Values {
  password: string;
  pin: string;
  again: string;
}

/** The six-digit PIN a staff member types at the kiosk to go on duty; setting it needs the account password. */
export function SetPinScreen({ me, onDone, onCancel }: { me: Me; onDone: (me: Me) => void; onCancel: () => void }) {
  const { t } = useTranslation('staff');
  const uid = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<Values>({ defaultValues: { password: '', pin: '', again: '' } });
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      onDone(await apiRequest<Me>('POST', AUTH_PATHS.pin, { json: { currentPassword: v.password, pin: v.pin } }));
    } catch (err) {
      // A refusal about one field is said next to it; anything else above the buttons.
      const field = fieldOfRefusal<keyof Values>(err, { WRONG_PASSWORD: 'password', PIN_TOO_WEAK: 'pin' });
      if (field) setError(field, { message: errorText(t, err) }, { shouldFocus: true });
      else setFailure(errorText(t, err));
    }
  });
  const field = (name: keyof Values, label: string, rules: Parameters<typeof register>[1], numeric: boolean) => (
    <div className="text-field">
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      <input
        id={`${uid}-${name}`}
        type="password"
        inputMode={numeric ? 'numeric' : undefined}
        autoComplete={numeric ? 'off' : 'current-password'}
        maxLength={numeric ? 6 : undefined}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `${uid}-${name}-error` : undefined}
        {...register(name, rules)}
      />
      <FieldError id={`${uid}-${name}-error`} message={errors[name]?.message} />
    </div>
  );
  return (
    <main className="account-page">
      <form className="account-card" onSubmit={submit} noValidate>
        <h1>{t('pin.title')}</h1>
        <p className="hint">{me.hasPin ? t('pin.replace') : t('pin.intro')}</p>
        {field('password', t('pin.password'), { validate: (v) => v !== '' || t('password.currentRequired') }, false)}
        {field('pin', t('pin.pin'), { validate: (v) => (PIN_PATTERN.test(v) ? !isWeakPin(v) || t('pin.weak') : t('pin.sixDigits')) }, true)}
        {field('again', t('pin.again'), { validate: (v, all) => v === all.pin || t('pin.mismatch') }, true)}
        {failure && (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('password.cancel')}
          </button>
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('pin.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
