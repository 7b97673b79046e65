import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkNewPassword } from '../../account/password-problem-text';
import type { Role } from '../../domain/roles';
import { adminErrorText } from '../shared/admin-errors';
import { AdminForm, FormDone, useAdminForm } from '../shared/AdminForm';
import type { AdminCatalog } from '../shared/catalog-types';
import { TextField } from '../shared/Fields';
import { EMPLOYEE_NO } from '../shared/form-values';
import { PhotoInput } from './PhotoInput';
import type { ResizedPhoto } from '../../media/photo-resize';
import { roleNames } from './RoleGrants';
import { RoleFields } from './RoleFields';
import { createStaff, uploadStaffPhoto } from './staff-requests';
import { UnitWindowFields } from '../shared/UnitWindowFields';

interface Values {
  employeeNo: string;
  name: string;
  unitId: string;
  windowId: string;
  roles: Role[];
  password: string;
}

/** A new account: 工号, name, unit and window, roles, a first password to hand over, and an optional photo. */
export function StaffForm({ catalog, onSaved, onCancel }: { catalog: AdminCatalog; onSaved: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const [photo, setPhoto] = useState<ResizedPhoto | null>(null);
  const [photoBusy, setPhotoBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const defaults: Values = { employeeNo: '', name: '', unitId: catalog.units.find((u) => u.active)?.id ?? '', windowId: '', roles: ['STAFF'], password: '' };

  const { methods, onSubmit, failure, setFailure } = useAdminForm<Values>(defaults, async (v, form) => {
    setDone(null);
    const employeeNo = v.employeeNo.trim();
    const name = v.name.trim();
    const created = await createStaff({ employeeNo, name, unitId: v.unitId, windowId: v.windowId || null, roles: v.roles, password: v.password });
    // The account exists now; a photo that fails to upload is reported, and can be sent again from "Edit".
    let photoFailure: string | null = null;
    if (photo) {
      try {
        await uploadStaffPhoto(created.id, photo.blob);
      } catch (err) {
        photoFailure = adminErrorText(t, err);
      }
    }
    form.reset(defaults);
    setPhoto(null);
    await onSaved();
    const waiting = created.pendingGrant ? ' ' + t('staff.grants.savedPending', { roles: roleNames(t, created.pendingGrant.roles) }) : '';
    setDone(t('staff.created', { name, no: employeeNo }) + waiting);
    if (photoFailure) setFailure(t('staff.photoFailedAfterCreate', { message: photoFailure }));
  });

  return (
    <AdminForm
      methods={methods}
      onSubmit={onSubmit}
      title={t('staff.addTitle')}
      submitLabel={t('staff.addSubmit')}
      testId="add-staff-form"
      failure={failure}
      onCancel={onCancel}
      busy={photoBusy}
    >
      <div className="form-grid">
        <TextField
          name="employeeNo"
          label={t('staff.employeeNo')}
          input={{ autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false }}
          rules={{ validate: (v: string) => EMPLOYEE_NO.test(v.trim()) || t('staff.employeeNoInvalid') }}
        />
        <TextField
          name="name"
          label={t('staff.name')}
          input={{ autoComplete: 'off' }}
          rules={{ validate: (v: string) => (v.trim() !== '' && v.trim().length <= 40) || t('staff.nameRequired', { max: 40 }) }}
        />
        <UnitWindowFields catalog={catalog} withWindow />
      </div>
      <RoleFields />
      <TextField
        name="password"
        label={t('staff.password')}
        hint={t('staff.passwordHint')}
        input={{ type: 'text', autoComplete: 'off', spellCheck: false, className: 'medium' }}
        rules={{
          validate: (v: string, all: { employeeNo?: string }) => checkNewPassword(t, v, (all.employeeNo ?? '').trim(), true),
        }}
      />
      <PhotoInput label={t('photo.optional')} value={photo} onChange={setPhoto} onBusy={setPhotoBusy} testId="staff-photo-input" />
      <FormDone message={done} />
    </AdminForm>
  );
}
