import { useId } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../domain/locales';
import { LANGUAGE_NAMES } from '../../i18n';
import { FieldError } from '../../kiosk/FieldError';
import { errorAt } from './field-errors';

const MAX_LABEL = 200;

/**
 * A LocalizedText in a form: one input per language (中文 / བོད་ཡིག / English), each required, each with its error
 * beside it. Use inside a FormProvider; `name` is the path of the LocalizedText in the form's values.
 */
export function LabelFields({ name, legend }: { name: string; legend: string }) {
  const { t } = useTranslation('admin');
  const uid = useId();
  const { register, formState } = useFormContext();
  return (
    <fieldset className="label-fields">
      <legend>{legend}</legend>
      {LOCALES.map((locale) => {
        const id = `${uid}-${locale}`;
        const message = errorAt(formState.errors, `${name}.${locale}`);
        return (
          <div className="text-field" key={locale}>
            <label htmlFor={id} lang={locale}>
              {LANGUAGE_NAMES[locale]}
            </label>
            <input
              id={id}
              lang={locale}
              data-testid={`${name}-${locale}`}
              aria-invalid={!!message}
              aria-describedby={message ? `${id}-error` : undefined}
              {...register(`${name}.${locale}`, {
                validate: (v: string) => {
                  if (v.trim() === '') return t('form.labelRequired', { language: LANGUAGE_NAMES[locale] });
                  return v.trim().length <= MAX_LABEL || t('form.tooLong', { max: MAX_LABEL });
                },
              })}
            />
            <FieldError id={`${id}-error`} message={message} />
          </div>
        );
      })}
    </fieldset>
  );
}
