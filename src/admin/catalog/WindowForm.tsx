import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS, type WindowInput } from '../../domain/admin-api';
import type { LocalizedText } from '../../domain/locales';
import { AdminForm, useAdminForm } from '../shared/AdminForm';
import type { AdminCatalog, AdminWindow } from '../shared/catalog-types';
import { CheckField, SortOrderField, TextField } from '../shared/Fields';
import { changedFields, emptyLabel, trimLabel } from '../shared/form-values';
import { LabelFields } from '../shared/LabelFields';
import { UnitWindowFields } from '../shared/UnitWindowFields';
import { useLabel } from '../shared/useLabel';

interface Values {
  unitId: string;
  number: string;
  name: LocalizedText;
  sortOrder: number | undefined;
  active: boolean;
}

interface WindowFormProps {
  catalog: AdminCatalog;
  /** The window to edit; without it, the form adds one. */
  window?: AdminWindow;
  /** For a new window: the unit it starts in. */
  unitId?: string;
  onSaved: () => Promise<void>;
  onCancel: () => void;
}

/** Adds a window to a unit, or edits its number, names, place in the list and whether it is active. */
export function WindowForm({ catalog, window: win, unitId, onSaved, onCancel }: WindowFormProps) {
  const { t } = useTranslation('admin');
  const initial: Values = {
    unitId: win?.unitId ?? unitId ?? catalog.units[0]?.id ?? '',
    number: win?.number ?? '',
    name: win?.name ?? emptyLabel(),
    sortOrder: win?.sortOrder,
    active: win?.active ?? true,
  };
  const { methods, onSubmit, failure } = useAdminForm<Values>(initial, async (v) => {
    const values: Values = { ...v, number: v.number.trim(), name: trimLabel(v.name) };
    if (win) {
      const patch: Partial<WindowInput> = changedFields(values, initial);
      if (Object.keys(patch).length > 0) await apiRequest('PATCH', `${ADMIN_PATHS.windows}/${encodeURIComponent(win.id)}`, { json: patch });
    } else {
      const input: WindowInput = { unitId: values.unitId, number: values.number, name: values.name, sortOrder: values.sortOrder };
      await apiRequest('POST', ADMIN_PATHS.windows, { json: input });
    }
    await onSaved();
  });
  return (
    <AdminForm
      methods={methods}
      onSubmit={onSubmit}
      title={win ? t('units.editWindowTitle', { number: win.number }) : t('units.addWindowTitle')}
      submitLabel={win ? t('common.save') : t('units.addWindow')}
      testId={win ? 'edit-window-form' : 'add-window-form'}
      failure={failure}
      onCancel={onCancel}
    >
      <div className="form-grid">
        {/* A window stays in its unit: staff are assigned to a unit and one of its windows. */}
        {win ? <ReadOnlyUnit catalog={catalog} unitId={win.unitId} /> : <UnitWindowFields catalog={catalog} />}
        <TextField
          name="number"
          label={t('units.windowNumber')}
          hint={t('units.windowNumberHint')}
          input={{ autoComplete: 'off', className: 'short' }}
          rules={{ validate: (v: string) => (v.trim() !== '' && v.trim().length <= 10) || t('units.windowNumberRequired', { max: 10 }) }}
        />
        <SortOrderField />
      </div>
      <LabelFields name="name" legend={t('units.windowName')} />
      {win && <CheckField name="active" label={t('units.windowActive')} />}
    </AdminForm>
  );
}

function ReadOnlyUnit({ catalog, unitId }: { catalog: AdminCatalog; unitId: string }) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const unit = catalog.units.find((u) => u.id === unitId);
  return (
    <div className="text-field">
      <span className="field-label">{t('common.unit')}</span>
      <span>{unit ? label(unit.name) : unitId}</span>
    </div>
  );
}
