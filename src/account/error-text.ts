import type { TFunction } from 'i18next';
import { ApiRequestError } from './api-client';

/** A server refusal in the user's language: known codes have a message of their own, others say what the server said. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiRequestError) {
    // A short delay after failed passwords is said in seconds: "1 min" for a 2 s wait would keep people waiting.
    if (err.code === 'RATE_LIMITED' && err.retryAfterSeconds !== undefined && err.retryAfterSeconds < 60) {
      return t('staff:errors.RATE_LIMITED_SECONDS', { seconds: err.retryAfterSeconds });
    }
    const minutes = err.retryAfterSeconds ? Math.ceil(err.retryAfterSeconds / 60) : 1;
    return t(`staff:errors.${err.code}`, { minutes, defaultValue: t('staff:errors.other', { message: err.message }) });
  }
  return t('staff:errors.other', { message: err instanceof Error ? err.message : String(err) });
}

/** The form field a server refusal is about (WRONG_PASSWORD → the password field), so it is said next to it. */
export function fieldOfRefusal<F extends string>(err: unknown, fields: Readonly<Record<string, F>>): F | undefined {
  return err instanceof ApiRequestError ? fields[err.code] : undefined;
}
