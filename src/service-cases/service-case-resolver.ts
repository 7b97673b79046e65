import type { TFunction } from 'i18next';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { validateServiceCaseForm, type ServiceCaseFormValues } from '../domain/tablet-service-case';

/** react-hook-form runs the shared 办件 rules; each broken rule becomes a message next to its field. */
export function serviceCaseResolver(t: TFunction, serviceItemIds: readonly string[]): Resolver<ServiceCaseFormValues> {
  return async (values) => {
    const found = validateServiceCaseForm(values, { now: Date.now(), serviceItemIds });
    const errors: FieldErrors<ServiceCaseFormValues> = {};
    for (const [field, code] of Object.entries(found)) {
      (errors as Record<string, { type: string; message: string }>)[field] = { type: code, message: t(`serviceCases:errors.${code}`) };
    }
    return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
  };
}
