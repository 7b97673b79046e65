import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_PATHS, type ReasonCreate, type ReasonPatch } from '../../domain/admin-api';
import type { Reason } from '../../domain/base-schemas';
import type { LocalizedText } from '../../domain/locales';
import { AdminForm, useAdminForm } from '../shared/AdminForm';
import { TextField } from '../shared/Fields';
import { changedFields, emptyLabel, REASON_KEY, trimLabel } from '../shared/form-values';
import { LabelFields } from '../shared/LabelFields';

interface Values {
  key: string;
  label: LocalizedText;
}

/** Adds a bad-review reason (its key is fixed for ever), or edits the labels of one. */
export function ReasonForm({ reason, onSaved, onCancel }: { reason?: Reason; onSaved: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const initial: Values = { key: reason?.key ?? '', label: reason?.label ?? emptyLabel() };
  const { methods, onSubmit, failure } = useAdminForm<Values>(initial, async (v) => {
    const label = trimLabel(v.label);
    if (reason) {
      const patch: ReasonPatch = changedFields({ label }, { label: initial.label });
      if (Object.keys(patch).length > 0) await apiRequest('PATCH', `${ADMIN_PATHS.reasons}/${encodeURIComponent(reason.key)}`, { json: patch });
    } else {
      await apiRequest('POST', ADMIN_PATHS.reasons, { json: { key: v.key.trim(), label } satisfies ReasonCreate });
    }
    await onSaved();
  });
  return (
    <AdminForm
      methods={methods}
      onSubmit={onSubmit}
      title={reason ? t('reasons.editTitle', { key: reason.key }) : t('reasons.addTitle')}
      submitLabel={reason ? t('common.save') : t('reasons.add')}
      testId={reason ? 'edit-reason-form' : 'add-reason-form'}
      failure={failure}
      onCancel={onCancel}
    >
      {!reason && (
        <TextField
          name="key"
          label={t('reasons.key')}
          hint={t('reasons.keyHint')}
          input={{ autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false, className: 'mono' }}
          rules={{ validate: (v: string) => REASON_KEY.test(v.trim()) || t('reasons.keyInvalid') }}
        />
      )}
      <LabelFields name="label" legend={t('reasons.label')} />
    </AdminForm>
  );
}
