import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useFormContext, type RegisterOptions } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../kiosk/FieldError';
import { isValidSortOrder, MAX_SORT_ORDER, parseSortOrder } from './form-values';
import { errorAt } from './field-errors';

interface TextFieldProps {
  name: string;
  label: string;
  rules?: RegisterOptions;
  hint?: string;
  input?: InputHTMLAttributes<HTMLInputElement> & { 'data-testid'?: string };
}

/** The wiring TextField and TextAreaField share: ids, the field's error, and aria-describedby naming hint and error. */
function useFieldWiring(name: string, rules: RegisterOptions | undefined, hint: string | undefined) {
  const uid = useId();
  const { register, formState } = useFormContext();
  const message = errorAt(formState.errors, name);
  const described = [hint ? `${uid}-hint` : '', message ? `${uid}-error` : ''].filter(Boolean).join(' ');
  // Spread around the caller's own attributes: they may replace the id or test id, never the error wiring.
  const ids = { id: uid, 'data-testid': name };
  const aria = { 'aria-invalid': !!message, 'aria-describedby': described || undefined };
  const hintLine = hint && (
    <span id={`${uid}-hint`} className="hint">
      {hint}
    </span>
  );
  return { uid, ids, aria, field: register(name, rules), hintLine, error: <FieldError id={`${uid}-error`} message={message} /> };
}

/** One labelled input of the surrounding form, with its hint and its error linked by aria-describedby. */
export function TextField({ name, label, rules, hint, input }: TextFieldProps) {
  const { uid, ids, aria, field, hintLine, error } = useFieldWiring(name, rules, hint);
  return (
    <div className="text-field">
      <label htmlFor={uid}>{label}</label>
      <input {...ids} {...input} {...aria} {...field} />
      {hintLine}
      {error}
    </div>
  );
}

/** A labelled multi-line field of the surrounding form, wired like TextField; its hint (the expected format) comes first. */
export function TextAreaField({ name, label, rules, hint, textarea }: Omit<TextFieldProps, 'input'> & { textarea?: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const { uid, ids, aria, field, hintLine, error } = useFieldWiring(name, rules, hint);
  return (
    <div className="text-field">
      <label htmlFor={uid}>{label}</label>
      {hintLine}
      <textarea {...ids} {...textarea} {...aria} {...field} />
      {error}
    </div>
  );
}

/** The optional sort order of windows and service items: smaller comes first. */
export function SortOrderField() {
  const { t } = useTranslation('admin');
  return (
    <TextField
      name="sortOrder"
      label={t('common.sortOrder')}
      hint={t('common.sortOrderHint')}
      input={{ type: 'number', inputMode: 'numeric', min: 0, max: MAX_SORT_ORDER, step: 1, className: 'short' }}
      rules={{
        setValueAs: parseSortOrder,
        validate: (v: number | undefined) => isValidSortOrder(v) || t('common.sortOrderInvalid', { max: MAX_SORT_ORDER }),
      }}
    />
  );
}

/** A yes/no field of the surrounding form (e.g. active). */
export function CheckField({ name, label }: { name: string; label: string }) {
  const uid = useId();
  const { register } = useFormContext();
  return (
    <div className="check-field">
      <input id={uid} type="checkbox" data-testid={name} {...register(name)} />
      <label htmlFor={uid}>{label}</label>
    </div>
  );
}
