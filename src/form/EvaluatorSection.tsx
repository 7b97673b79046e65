import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import type { PaperFormConfig } from '../domain/paper-api';
import type { PaperFormValues } from '../domain/paper-form';
import { Field } from './Field';

/** The evaluator (all optional, under the consent line) and who entered the form; the check comes later (PaperChecks). */
export function EvaluatorSection({ form, me, uid }: { form: UseFormReturn<PaperFormValues>; config: PaperFormConfig; me: Me; uid: string }) {
  const { t } = useTranslation('form');
  const { register, formState } = form;
  const errors = formState.errors;
  return (
    <>
      <fieldset className="form-section">
        <legend>{t('sections.evaluator')}</legend>
        <p className="consent">{t('consent')}</p>
        <div className="form-row">
          <Field id={`${uid}-name`} label={t('fields.evaluatorName')} error={errors.evaluatorName?.message}>
            {(aria) => <input {...aria} autoComplete="off" {...register('evaluatorName')} />}
          </Field>
          <Field id={`${uid}-phone`} label={t('fields.evaluatorPhone')} error={errors.evaluatorPhone?.message}>
            {(aria) => <input {...aria} type="tel" inputMode="tel" autoComplete="off" {...register('evaluatorPhone')} />}
          </Field>
          <Field id={`${uid}-company`} label={t('fields.evaluatorCompany')} error={errors.evaluatorCompany?.message}>
            {(aria) => <input {...aria} autoComplete="off" {...register('evaluatorCompany')} />}
          </Field>
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('sections.entry')}</legend>
        <div className="form-row">
          <div className="text-field">
            <span>{t('fields.enteredBy')}</span>
            <strong data-testid="entered-by">
              {me.name}（{t('fields.employeeNo', { no: me.employeeNo })}）
            </strong>
          </div>
        </div>
        <p className="hint" data-testid="check-note">
          {t('check.note')}
        </p>
      </fieldset>
    </>
  );
}
