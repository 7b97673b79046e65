import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS, type UnitInput } from '../../domain/admin-api';
import type { LocalizedText } from '../../domain/locales';
import { AdminForm, useAdminForm } from '../shared/AdminForm';
import type { AdminUnit } from '../shared/catalog-types';
import { CheckField } from '../shared/Fields';
import { changedFields, emptyLabel, trimLabel } from '../shared/form-values';
import { LabelFields } from '../shared/LabelFields';

interface Values {
  name: LocalizedText;
  active: boolean;
}

/** Adds a unit, or (given one) edits its names and whether it is active. */
export function UnitForm({ unit, onSaved, onCancel }: { unit?: AdminUnit; onSaved: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const initial: Values = { name: unit?.name ?? emptyLabel(), active: unit?.active ?? true };
  const { methods, onSubmit, failure } = useAdminForm<Values>(initial, async (v) => {
    const values: Values = { name: trimLabel(v.name), active: v.active };
    if (unit) {
      const patch: Partial<UnitInput> = changedFields(values, initial);
      if (Object.keys(patch).length > 0) await apiRequest('PATCH', `${ADMIN_PATHS.units}/${encodeURIComponent(unit.id)}`, { json: patch });
    } else {
      await apiRequest('POST', ADMIN_PATHS.units, { json: { name: values.name } satisfies UnitInput });
    }
    await onSaved();
  });
  return (
    <AdminForm
      methods={methods}
      onSubmit={onSubmit}
      title={unit ? t('units.editUnitTitle') : t('units.addUnitTitle')}
      submitLabel={unit ? t('common.save') : t('units.addUnit')}
      testId={unit ? 'edit-unit-form' : 'add-unit-form'}
      failure={failure}
      onCancel={onCancel}
    >
      <LabelFields name="name" legend={t('units.unitName')} />
      {unit && <CheckField name="active" label={t('units.unitActive')} />}
    </AdminForm>
  );
}
