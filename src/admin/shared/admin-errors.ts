import type { TFunction } from 'i18next';
import { ApiRequestError } from '../../account/api-client';
import { errorText } from '../../account/error-text';

/**
 * A server refusal in the user's language. Refusals only the admin screens meet (工号 taken, a photo the server
 * will not take…) have their own message in the 'admin' namespace; every other code falls back to the shared
 * account messages.
 */
export function adminErrorText(t: TFunction, err: unknown): string {
  const fallback = errorText(t, err);
  if (!(err instanceof ApiRequestError)) return fallback;
  return t(`admin:errors.${err.code}`, { message: err.message, defaultValue: fallback });
}
