import type { TFunction } from 'i18next';
import { isCaseStepErrorCode, isKnownErrorCode, type ErrorCode, type LocalErrorCode } from '../domain/error-codes';
import { ApiRequestError } from './api-client';

/**
 * Where a code's message lives: a refused case step on the case card's namespace, every other code in the shared
 * one. A unit test (test/unit/error-messages.test.ts) checks each code of the union has it in every language.
 */
export function errorMessageKey(code: ErrorCode | LocalErrorCode): string {
  return isCaseStepErrorCode(code) ? `cases:refusals.${code}` : `staff:errors.${code}`;
}

/** A server refusal in the user's language: known codes have a message of their own, others say what the server said. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiRequestError) {
    const code = err.code;
    // A short delay after failed passwords is said in seconds: "1 min" for a 2 s wait would keep people waiting.
    if (code === ('RATE_LIMITED' satisfies ErrorCode) && err.retryAfterSeconds !== undefined && err.retryAfterSeconds < 60) {
      return t('staff:errors.RATE_LIMITED_SECONDS', { seconds: err.retryAfterSeconds });
    }
    const minutes = err.retryAfterSeconds ? Math.ceil(err.retryAfterSeconds / 60) : 1;
    const other = () => t('staff:errors.other', { message: err.message });
    // A code from a newer server (or an HTTP_4xx from a proxy) is not in the union: said with the server's words.
    return isKnownErrorCode(code) ? t(errorMessageKey(code), { minutes, defaultValue: other() }) : other();
  }
  return t('staff:errors.other', { message: err instanceof Error ? err.message : String(err) });
}

/** The form field a server refusal is about (WRONG_PASSWORD → the password field), so it is said next to it. */
export function fieldOfRefusal<F extends string>(err: unknown, fields: Partial<Readonly<Record<ErrorCode, F>>>): F | undefined {
  return err instanceof ApiRequestError && isKnownErrorCode(err.code) ? fields[err.code as ErrorCode] : undefined;
}
