import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS, type UnitInput } from '../../domain/admin-api';
import type { LocalizedText } from '../../domain/locales';
import { AdminForm, useAdminForm } from '../shared/AdminForm';
import type { AdminUnit } from '../shared/catalog-types';
import { CheckField, TextField } from '../shared/Fields';
import { changedFields, emptyLabel, trimLabel } from '../shared/form-values';
import { LabelFields } from '../shared/LabelFields';

interface Values {
  name: LocalizedText;
  active: boolean;
  divisionCode: string;
  /** Public disclosure (issue 16): off unless the administrator switches it on. */
  disclosure: boolean;
  disclosureNamesStaff: boolean;
}

// The server checks the same shape (admin-api.ts DivisionCodeSchema); empty clears the code.
const DIVISION_CODE = /^(\d{6}|\d{12})$/;

/** Adds a unit, or (given one) edits its names, its 行政区划代码, its public disclosure and whether it is active. */
export function UnitForm({ unit, onSaved, onCancel }: { unit?: AdminUnit; onSaved: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const initial: Values = {
    name: unit?.name ?? emptyLabel(), active: unit?.active ?? true, divisionCode: unit?.divisionCode ?? '',
    disclosure: unit?.disclosure ?? false, disclosureNamesStaff: unit?.disclosureNamesStaff ?? false,
  };
  const { methods, onSubmit, failure } = useAdminForm<Values>(initial, async (v) => {
    const values: Values = { ...v, name: trimLabel(v.name), divisionCode: v.divisionCode.trim() };
    if (unit) {
      const { divisionCode, ...changed } = changedFields(values, initial);
      const patch: Partial<UnitInput> = changed;
      if (divisionCode !== undefined) patch.divisionCode = divisionCode === '' ? null : divisionCode;
      if (Object.keys(patch).length > 0) await apiRequest('PATCH', `${ADMIN_PATHS.units}/${encodeURIComponent(unit.id)}`, { json: patch });
    } else {
      const input: UnitInput = { name: values.name };
      if (values.divisionCode !== '') input.divisionCode = values.divisionCode;
      if (values.disclosure) input.disclosure = true;
      if (values.disclosureNamesStaff) input.disclosureNamesStaff = true;
      await apiRequest('POST', ADMIN_PATHS.units, { json: input });
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
      <TextField
        name="divisionCode"
        label={t('units.divisionCode')}
        hint={t('units.divisionCodeHint')}
        input={{ autoComplete: 'off', inputMode: 'numeric', className: 'short' }}
        rules={{ validate: (v: string) => v.trim() === '' || DIVISION_CODE.test(v.trim()) || t('units.divisionCodeInvalid') }}
      />
      <CheckField name="disclosure" label={t('units.disclosure')} />
      <CheckField name="disclosureNamesStaff" label={t('units.disclosureNamesStaff')} />
      <p className="hint">{t('units.disclosureHint')}</p>
      {unit && <CheckField name="active" label={t('units.unitActive')} />}
    </AdminForm>
  );
}
