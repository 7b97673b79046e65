import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isBadLevel, LEVELS } from '../domain/levels';
import { pickLabel } from '../domain/locales';
import type { PaperFormConfig } from '../domain/paper-api';
import type { PaperFormValues } from '../domain/paper-form';
import { OTHER_REASON } from '../domain/reasons';
import { currentLocale } from '../i18n';
import { FieldError } from '../kiosk/FieldError';
import { Field } from './Field';

/** The ticked level; for 不满意 and 非常不满意 the reasons (at least one, 其他 with its text) and the comment. */
export function LevelSection({ form, config, uid }: { form: UseFormReturn<PaperFormValues>; config: PaperFormConfig; uid: string }) {
  const { t } = useTranslation('form');
  const locale = currentLocale();
  const { register, watch, formState } = form;
  const errors = formState.errors;
  const level = watch('level');
  const bad = level !== '' && isBadLevel(level);
  const reasons = watch('reasons') ?? [];
  return (
    <fieldset className="form-section">
      <legend>{t('sections.level')}</legend>
      <div
        className="level-choices"
        role="radiogroup"
        aria-label={t('fields.level')}
        aria-invalid={errors.level ? true : undefined}
        aria-describedby={errors.level ? `${uid}-level-error` : undefined}
      >
        {LEVELS.map((l) => (
          <label key={l.key} className={`level-choice level-${l.key.toLowerCase()}`}>
            <input type="radio" value={l.key} {...register('level')} />
            <span>{t(`kiosk:level.${l.key}`)}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${uid}-level-error`} message={errors.level?.message} />
      {bad && (
        <>
          <fieldset className="reason-list" aria-invalid={errors.reasons ? true : undefined} aria-describedby={errors.reasons ? `${uid}-reasons-error` : undefined}>
            <legend>{t('fields.reasons')}</legend>
            {config.reasons
              .filter((r) => r.active || reasons.includes(r.key))
              .map((r) => (
                <label key={r.key} className="reason-option">
                  <input type="checkbox" value={r.key} {...register('reasons')} />
                  <span>{pickLabel(r.label, locale)}</span>
                </label>
              ))}
            <FieldError id={`${uid}-reasons-error`} message={errors.reasons?.message} />
          </fieldset>
          {reasons.includes(OTHER_REASON) && (
            <Field id={`${uid}-other`} label={t('fields.otherReason')} error={errors.otherReason?.message}>
              {(aria) => <input {...aria} {...register('otherReason')} />}
            </Field>
          )}
          <Field id={`${uid}-comment`} label={t('fields.comment')} error={errors.comment?.message}>
            {(aria) => <textarea {...aria} rows={3} {...register('comment')} />}
          </Field>
        </>
      )}
    </fieldset>
  );
}
