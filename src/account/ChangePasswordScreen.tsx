import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import { FieldError } from '../kiosk/FieldError';
import { errorText, fieldOfRefusal } from './error-text';
import { checkNewPassword } from './password-problem-text';
import { changePassword } from './session';
import './account.css';

interface Values {
  current: string;
  next: string;
  again: string;
}

/** Also the screen a new account sees first: it may do nothing else until the first password is replaced. */
export function ChangePasswordScreen({ me, forced, onChanged, onCancel }: { me: Me; forced: boolean; onChanged: (me: Me) => void; onCancel?: () => void }) {
  const { t } = useTranslation('staff');
  const uid = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<Values>({ defaultValues: { current: '', next: '', again: '' } });
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      onChanged(await changePassword(v.current, v.next));
    } catch (err) {
      // A refusal about one field is said next to it; anything else above the buttons.
      const field = fieldOfRefusal<keyof Values>(err, {
        WRONG_PASSWORD: 'current',
        PASSWORD_TOO_WEAK: 'next',
        PASSWORD_TOO_COMMON: 'next',
        PASSWORD_BLANK: 'next',
        PASSWORD_UNCHANGED: 'next',
      });
      if (field) setError(field, { message: errorText(t, err) }, { shouldFocus: true });
      else setFailure(errorText(t, err));
    }
  });
  const field = (name: keyof Values, label: string, autoComplete: string, rules: Parameters<typeof register>[1]) => (
    <div className="text-field">
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      <input
        id={`${uid}-${name}`}
        type="password"
        autoComplete={autoComplete}
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
        <h1>{t('password.title')}</h1>
        {forced && <p className="hint">{t('password.forced', { name: me.name })}</p>}
        {field('current', t('password.current'), 'current-password', { validate: (v) => v !== '' || t('password.currentRequired') })}
        {field('next', t('password.next'), 'new-password', {
          // The server's rule, checked here first so the reason is said next to the field before sending.
          validate: (v) => checkNewPassword(t, v, me.employeeNo),
        })}
        {field('again', t('password.again'), 'new-password', { validate: (v, all) => v === all.next || t('password.mismatch') })}
        {failure && (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          {onCancel && (
            <button type="button" className="secondary" onClick={onCancel}>
              {t('password.cancel')}
            </button>
          )}
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('password.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
