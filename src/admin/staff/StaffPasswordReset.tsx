import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkNewPassword } from '../../account/password-problem-text';
import { AdminForm, FormDone, useAdminForm } from '../shared/AdminForm';
import type { AdminStaff } from '../shared/catalog-types';
import { TextField } from '../shared/Fields';
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
          validate: (v: string) => checkNewPassword(t, v, staff.employeeNo, true),
        }}
      />
      <FormDone message={done} />
    </AdminForm>
  );
}
