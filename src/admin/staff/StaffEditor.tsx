import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPatch } from '../../domain/admin-api';
import { ROLES, type Role } from '../../domain/roles';
import { AdminForm, FormDone, useAdminForm } from '../shared/AdminForm';
import type { AdminCatalog, AdminStaff } from '../shared/catalog-types';
import { CheckField, TextField } from '../shared/Fields';
import { changedFields } from '../shared/form-values';
import { roleNames } from './RoleGrants';
import { RoleFields } from './RoleFields';
import { StaffPasswordReset } from './StaffPasswordReset';
import { StaffPhotoUpload } from './StaffPhotoUpload';
import { patchStaff } from './staff-requests';
import { UnitWindowFields } from '../shared/UnitWindowFields';

interface Values {
  name: string;
  unitId: string;
  windowId: string;
  roles: Role[];
  active: boolean;
}

const inRoleOrder = (roles: readonly Role[]) => ROLES.filter((r) => roles.includes(r));

const valuesOf = (s: AdminStaff): Values => ({ name: s.name, unitId: s.unitId, windowId: s.windowId ?? '', roles: inRoleOrder(s.roles), active: s.active });

/** An account's details, its password reset and its photo: three separate changes, each saved on its own. */
export function StaffEditor({ staff, catalog, isSelf, onSaved, onClose }: { staff: AdminStaff; catalog: AdminCatalog; isSelf: boolean; onSaved: () => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [done, setDone] = useState<string | null>(null);
  const { methods, onSubmit, failure } = useAdminForm<Values>(valuesOf(staff), async (v) => {
    setDone(null);
    const values = { ...v, name: v.name.trim(), roles: inRoleOrder(v.roles) };
    const { windowId, ...rest } = changedFields(values, valuesOf(staff));
    const patch: StaffPatch = rest;
    // A window belongs to one unit: a new unit always goes with its window (or none).
    if (windowId !== undefined || patch.unitId !== undefined) patch.windowId = values.windowId || null;
    if (Object.keys(patch).length === 0) return setDone(t('common.noChanges'));
    const saved = await patchStaff(staff.id, patch);
    await onSaved();
    // Guarded roles (LEAD, SUPERVISION, ADMIN) may wait for a second administrator: say so, not just "saved".
    setDone(saved.pendingGrant ? t('staff.grants.savedPending', { roles: roleNames(t, saved.pendingGrant.roles) }) : t('common.saved'));
  });

  return (
    <div className="staff-editor" data-testid={`staff-editor-${staff.employeeNo}`}>
      <AdminForm
        methods={methods}
        onSubmit={onSubmit}
        title={t('staff.editTitle', { name: staff.name, no: staff.employeeNo })}
        submitLabel={t('common.save')}
        testId="edit-staff-form"
        failure={failure}
        onCancel={onClose}
      >
        {isSelf && <p className="hint">{t('staff.selfHint')}</p>}
        {isSelf && <p className="hint">{t('staff.grants.selfRolesHint')}</p>}
        <div className="form-grid">
          <TextField
            name="name"
            label={t('staff.name')}
            input={{ autoComplete: 'off' }}
            rules={{ validate: (v: string) => (v.trim() !== '' && v.trim().length <= 40) || t('staff.nameRequired', { max: 40 }) }}
          />
          <UnitWindowFields catalog={catalog} withWindow />
        </div>
        <RoleFields />
        <CheckField name="active" label={t('staff.activeLabel')} />
        <FormDone message={done} />
      </AdminForm>
      <div className="editor-side">
        <StaffPasswordReset staff={staff} />
        <StaffPhotoUpload staff={staff} onSaved={onSaved} />
      </div>
    </div>
  );
}
