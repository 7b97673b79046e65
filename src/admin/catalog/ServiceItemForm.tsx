import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS, type ServiceItemInput } from '../../domain/admin-api';
import type { LocalizedText } from '../../domain/locales';
import { AdminForm, useAdminForm } from '../shared/AdminForm';
import type { AdminCatalog, AdminServiceItem } from '../shared/catalog-types';
import { SortOrderField, TextField } from '../shared/Fields';
import { changedFields, emptyLabel, trimLabel } from '../shared/form-values';
import { LabelFields } from '../shared/LabelFields';
import { UnitWindowFields } from '../shared/UnitWindowFields';

interface Values {
  unitId: string;
  code: string;
  name: LocalizedText;
  sortOrder: number | undefined;
}

/** Adds a service item (事项) to a unit, or edits its unit, code, names and place in the list. */
export function ServiceItemForm({ catalog, item, onSaved, onCancel }: { catalog: AdminCatalog; item?: AdminServiceItem; onSaved: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const initial: Values = {
    unitId: item?.unitId ?? catalog.units.find((u) => u.active)?.id ?? '',
    code: item?.code ?? '',
    name: item?.name ?? emptyLabel(),
    sortOrder: item?.sortOrder,
  };
  const { methods, onSubmit, failure } = useAdminForm<Values>(initial, async (v) => {
    const values: Values = { ...v, code: v.code.trim(), name: trimLabel(v.name) };
    if (item) {
      const patch: Partial<ServiceItemInput> = changedFields(values, initial);
      if (Object.keys(patch).length > 0) await apiRequest('PATCH', `${ADMIN_PATHS.serviceItems}/${encodeURIComponent(item.id)}`, { json: patch });
    } else {
      const input: ServiceItemInput = { unitId: values.unitId, code: values.code, name: values.name, sortOrder: values.sortOrder };
      await apiRequest('POST', ADMIN_PATHS.serviceItems, { json: input });
    }
    await onSaved();
  });
  return (
    <AdminForm
      methods={methods}
      onSubmit={onSubmit}
      title={item ? t('items.editTitle', { code: item.code }) : t('items.addTitle')}
      submitLabel={item ? t('common.save') : t('items.add')}
      testId={item ? 'edit-item-form' : 'add-item-form'}
      failure={failure}
      onCancel={onCancel}
    >
      <div className="form-grid">
        <UnitWindowFields catalog={catalog} />
        <TextField
          name="code"
          label={t('items.code')}
          hint={t('items.codeHint')}
          input={{ autoComplete: 'off', spellCheck: false }}
          rules={{ validate: (v: string) => (v.trim() !== '' && v.trim().length <= 64) || t('items.codeRequired', { max: 64 }) }}
        />
        <SortOrderField />
      </div>
      <LabelFields name="name" legend={t('items.name')} />
    </AdminForm>
  );
}
