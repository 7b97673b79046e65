import type { TFunction } from 'i18next';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { chinaToday, validatePaperForm, type PaperFormValues } from '../domain/paper-form';

/** react-hook-form runs the shared Attachment 1 rules; each broken rule becomes a message next to its field. */
export function paperResolver(t: TFunction, enteredBy: string, windowId: string | null): Resolver<PaperFormValues> {
  return async (values) => {
    const found = validatePaperForm(values, { today: chinaToday(), enteredBy, windowId });
    const errors: FieldErrors<PaperFormValues> = {};
    for (const [field, code] of Object.entries(found)) {
      (errors as Record<string, { type: string; message: string }>)[field] = { type: code, message: t(`form:errors.${code}`) };
    }
    return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
  };
}
