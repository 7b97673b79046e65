import { useEffect, useMemo, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { pickLabel } from '../domain/locales';
import type { Me } from '../domain/account-api';
import type { PaperFormConfig } from '../domain/paper-api';
import type { PaperFormValues } from '../domain/paper-form';
import { currentLocale } from '../i18n';
import { Field } from './Field';

/** 办件编号, 办理事项 (searchable), window, staff member and the date of the service. */
export function CaseSection({ form, config, uid, today, me }: { form: UseFormReturn<PaperFormValues>; config: PaperFormConfig; uid: string; today: string; me: Me }) {
  const { t } = useTranslation('form');
  const locale = currentLocale();
  const { register, watch, formState } = form;
  const errors = formState.errors;
  const [query, setQuery] = useState('');
  const windowId = watch('windowId');
  const chosenItem = watch('serviceItemId');
  const items = useMemo(() => {
    const q = query.trim().toLowerCase();
    return config.serviceItems.filter((i) => !q || i.id === chosenItem || i.code.toLowerCase().includes(q) || Object.values(i.name).some((n) => n.toLowerCase().includes(q)));
  }, [config.serviceItems, query, chosenItem]);
  // Only the person's own window, and never themselves: the server refuses the rest (paperEntryRefusal). A form
  // rates someone who serves at a window: the accounts at none (administrator, office, supervision, personnel) are
  // never offered, nor, before a window is chosen, the staff of a window the typist may not type for.
  const windows = config.windows.filter((w) => w.id === me.windowId);
  const offered = new Set(windows.map((w) => w.id));
  const staff = config.staff.filter((s) => s.windowId !== null && (windowId ? s.windowId === windowId : offered.has(s.windowId)) && s.id !== me.id);
  const staffId = watch('staffId');
  // A staff member chosen for another window (or before the window, or kept by a draft whose window has since
  // changed) would stay selected though no longer listed, and be saved with a window they do not work at.
  useEffect(() => {
    if (windowId && staffId && !config.staff.some((s) => s.id === staffId && s.windowId === windowId)) {
      form.setValue('staffId', '', { shouldDirty: true, shouldValidate: formState.isSubmitted });
    }
  }, [windowId, staffId, config.staff, form, formState.isSubmitted]);
  return (
    <fieldset className="form-section">
      <legend>{t('sections.case')}</legend>
      <Field id={`${uid}-case`} label={t('fields.caseNumber')} error={errors.caseNumber?.message}>
        {(aria) => <input {...aria} autoComplete="off" {...register('caseNumber')} />}
      </Field>
      <Field id={`${uid}-item`} label={t('fields.serviceItem')} error={errors.serviceItemId?.message}>
        {(aria) => (
          <div className="item-picker">
            <input type="search" placeholder={t('fields.serviceItemSearch')} aria-label={t('fields.serviceItemSearch')} value={query} onChange={(e) => setQuery(e.target.value)} />
            <select {...aria} size={Math.min(6, Math.max(2, items.length + 1))} {...register('serviceItemId')}>
              <option value="">{t('fields.choose')}</option>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code} · {pickLabel(i.name, locale)}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <div className="form-row">
        <Field id={`${uid}-window`} label={t('fields.window')} error={errors.windowId?.message} hint={t('fields.windowHint')}>
          {(aria) => (
            <select {...aria} {...register('windowId')}>
              <option value="">{t('fields.choose')}</option>
              {windows.map((w) => (
                <option key={w.id} value={w.id}>
                  {pickLabel(w.name, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${uid}-staff`} label={t('fields.staff')} error={errors.staffId?.message} hint={t('fields.staffHint')}>
          {(aria) => (
            <select {...aria} {...register('staffId')}>
              <option value="">{t('fields.choose')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}（{t('fields.employeeNo', { no: s.employeeNo })}）
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${uid}-date`} label={t('fields.serviceDate')} error={errors.serviceDate?.message}>
          {(aria) => <input {...aria} type="date" max={today} {...register('serviceDate')} />}
        </Field>
      </div>
    </fieldset>
  );
}
