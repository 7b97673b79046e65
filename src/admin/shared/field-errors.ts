import { get, type FieldErrors } from 'react-hook-form';

/** The message of the error at a field path ('name.bo'), if the field has one. */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  const error = get(errors, path) as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message : undefined;
}
