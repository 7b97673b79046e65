import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import { LanguageSwitch } from '../kiosk/LanguageSwitch';
import { FieldError } from '../kiosk/FieldError';
import { errorText } from './error-text';
import { signIn } from './session';
import './account.css';

interface Values {
  employeeNo: string;
  password: string;
}

/** 工号 and password; every refusal is explained above the button, in the user's language. */
export function SignInScreen({ onSignedIn, title }: { onSignedIn: (me: Me) => void; title: string }) {
  const { t } = useTranslation('staff');
  const uid = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({ defaultValues: { employeeNo: '', password: '' } });
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(async ({ employeeNo, password }) => {
    setFailure(null);
    try {
      onSignedIn(await signIn(employeeNo.trim(), password));
    } catch (err) {
      setFailure(errorText(t, err));
    }
  });
  return (
    <main className="account-page">
      <form className="account-card" onSubmit={submit} noValidate>
        <h1>{title}</h1>
        <div className="text-field">
          <label htmlFor={`${uid}-no`}>{t('signIn.employeeNo')}</label>
          <input
            id={`${uid}-no`}
            autoComplete="username"
            autoCapitalize="characters"
            aria-invalid={!!errors.employeeNo}
            aria-describedby={errors.employeeNo ? `${uid}-no-error` : undefined}
            {...register('employeeNo', { validate: (v) => v.trim() !== '' || t('signIn.employeeNoRequired') })}
          />
          <FieldError id={`${uid}-no-error`} message={errors.employeeNo?.message} />
        </div>
        <div className="text-field">
          <label htmlFor={`${uid}-pw`}>{t('signIn.password')}</label>
          <input
            id={`${uid}-pw`}
            type="password"
            autoComplete="current-password"
            aria-invalid={!!errors.password}
            aria-describedby={errors.password ? `${uid}-pw-error` : undefined}
            {...register('password', { validate: (v) => v !== '' || t('signIn.passwordRequired') })}
          />
          <FieldError id={`${uid}-pw-error`} message={errors.password?.message} />
        </div>
        {failure && (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
