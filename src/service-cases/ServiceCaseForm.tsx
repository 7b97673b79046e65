import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../app-context';
import type { Me } from '../domain/account-api';
import { pickLabel } from '../domain/locales';
import type { PaperFormConfig } from '../domain/paper-api';
import { APPLICANT_TYPES, SERVICE_CASE_STATUSES } from '../domain/service-case';
import { EMPTY_SERVICE_CASE_FORM, msToChinaWallClock, tabletServiceCaseFromForm, type ServiceCaseFormValues } from '../domain/tablet-service-case';
import { queueTabletServiceCase } from '../data/tablet-service-cases';
import { Field } from '../form/Field';
import { FieldError } from '../kiosk/FieldError';
import { currentLocale } from '../i18n';
import { serviceCaseResolver } from './service-case-resolver';

/**
 * A 办件 typed in at the window, offline like the paper form: checked field by field, written to the tablet with
 * its outbox entry, sent when the network allows. Unit, window and staff member are the person's own.
 */
export function ServiceCaseForm({ me, config, onSaved }: { me: Me & { windowId: string }; config: PaperFormConfig; onSaved(caseNo: string): void }) {
  const { t } = useTranslation('serviceCases');
  const { db, sync } = useAppServices();
  const uid = useId();
  const locale = currentLocale();
  const itemIds = useMemo(() => config.serviceItems.map((i) => i.id), [config.serviceItems]);
  const blank = () => ({ ...EMPTY_SERVICE_CASE_FORM, acceptedAt: msToChinaWallClock(Date.now()) });
  const form = useForm<ServiceCaseFormValues>({ defaultValues: blank(), resolver: serviceCaseResolver(t, itemIds), reValidateMode: 'onChange' });
  const { register, formState } = form;
  const errors = formState.errors;
  // A ref guards the write (as in the kiosk and the paper form): a second tap before React re-renders writes nothing.
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);

  const onValid = async (values: ServiceCaseFormValues) => {
    const record = tabletServiceCaseFromForm(values, { unitId: me.unitId, windowId: me.windowId, enteredBy: me.id });
    await queueTabletServiceCase(db, record);
    form.reset(blank());
    onSaved(record.caseNo);
    void sync.trigger('submit');
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    void form
      .handleSubmit(onValid)()
      .finally(() => {
        saving.current = false;
        setBusy(false);
      });
  };

  return (
    <form className="service-case-form" onSubmit={submit} noValidate aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('form.title')}</h2>
      <Field id={`${uid}-no`} label={t('fields.caseNo')} error={errors.caseNo?.message}>
        {(aria) => <input {...aria} autoComplete="off" {...register('caseNo')} />}
      </Field>
      <Field id={`${uid}-item`} label={t('fields.serviceItem')} error={errors.serviceItemId?.message}>
        {(aria) => (
          <select {...aria} {...register('serviceItemId')}>
            <option value="">{t('fields.choose')}</option>
            {config.serviceItems.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} · {pickLabel(i.name, locale)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="applicant-types" aria-invalid={errors.applicantType ? true : undefined} aria-describedby={errors.applicantType ? `${uid}-applicant-error` : undefined}>
        <legend>{t('fields.applicantType')}</legend>
        {APPLICANT_TYPES.map((type) => (
          <label key={type} className="choice">
            <input type="radio" value={type} {...register('applicantType')} /> {t(`applicantType.${type}`)}
          </label>
        ))}
        <FieldError id={`${uid}-applicant-error`} message={errors.applicantType?.message} />
      </fieldset>
      <div className="form-row">
        <Field id={`${uid}-accepted`} label={t('fields.acceptedAt')} error={errors.acceptedAt?.message} hint={t('fields.chinaTime')}>
          {(aria) => <input {...aria} type="datetime-local" {...register('acceptedAt')} />}
        </Field>
        <Field id={`${uid}-status`} label={t('fields.status')} error={errors.status?.message}>
          {(aria) => (
            <select {...aria} {...register('status')}>
              <option value="">{t('fields.choose')}</option>
              {SERVICE_CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${uid}-finished`} label={t('fields.finishedAt')} error={errors.finishedAt?.message} hint={t('fields.finishedHint')}>
          {(aria) => <input {...aria} type="datetime-local" {...register('finishedAt')} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('form.save')}
        </button>
      </div>
    </form>
  );
}
