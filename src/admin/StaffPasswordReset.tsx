import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../domain/account-api';
import { AdminForm, FormDone, useAdminForm } from './AdminForm';
import type { AdminStaff } from './catalog-types';
import { TextField } from './Fields';
import { patchStaff } from './staff-requests';

/** A new first password: the person must change it at the next sign-in, and their sessions end now. */
export function StaffPasswordReset({ staff }: { staff: AdminStaff }) {
  const { t } = useTranslation('admin');
  const [done, setDone] = useState<string | null>(null);
  const { methods, onSubmit, failure } = useAdminForm<{ password: string }>({ password: '' }, async ({ password }, form) => {
    setDone(null);
    await patchStaff(staff.id, { password });
    form.reset({ password: '' });
    setDone(t('staff.resetDone', { name: staff.name }));
  });
  return (
    <AdminForm methods={methods} onSubmit={onSubmit} title={t('staff.resetTitle')} submitLabel={t('staff.resetSubmit')} testId="reset-password-form" failure={failure}>
      <TextField
        name="password"
        label={t('staff.resetPassword')}
        hint={t('staff.passwordHint')}
        input={{ type: 'text', autoComplete: 'off', spellCheck: false, className: 'medium' }}
        rules={{
          validate: (v: string) =>
            (v.length >= MIN_PASSWORD_LENGTH && v.length <= 128) || t('staff.passwordTooShort', { min: MIN_PASSWORD_LENGTH }),
        }}
      />
      <FormDone message={done} />
    </AdminForm>
  );
}
