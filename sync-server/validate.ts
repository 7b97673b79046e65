import type * as z from 'zod/mini';
import type { ItemRefusal } from '../src/domain/error-codes';
import { ERROR_CODES } from '../src/domain/sync-constants';
import { ClientError } from './errors';

/** What a schema library reports; structural so any zod error (or one built by hand) fits. */
interface Issues {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/** Issues said at most this many at a time: the first ones name the mistake, the rest repeat it. */
const MAX_ISSUES = 5;

/**
 * The one formatter of validation issues, for the message of every VALIDATION_FAILED the server sends: `field.path:
 * what is wrong`, joined by '; '. `whole` names an issue about the value itself (no path): the body, or an item.
 */
export function describeIssues(error: Issues, whole = 'body'): string {
  return error.issues
    .slice(0, MAX_ISSUES)
    .map((i) => `${i.path.map(String).join('.') || whole}: ${i.message}`)
    .join('; ');
}

/** The request's body (or query, or params) does not match its schema: a 400 for the whole request. */
export const validationError = (error: Issues) => new ClientError(400, ERROR_CODES.validation, describeIssues(error));

/** One item of a batch does not match its schema: that item alone is refused. */
export const invalidItem = (error: Issues): ItemRefusal => ({ code: ERROR_CODES.validation, message: describeIssues(error, 'item') });

/** Parses input with a shared schema; a mismatch is the client's mistake, answered 400 with the field named. */
export function parseOr400<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as z.infer<S>;
  throw validationError(parsed.error);
}
