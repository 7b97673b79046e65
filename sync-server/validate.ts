import type * as z from 'zod/mini';
import { ERROR_CODES } from '../src/domain/sync-constants';
import { ClientError } from './errors';

type Issues = { issues: readonly { path: readonly PropertyKey[]; message: string }[] };

/** A schema mismatch in words: the first few issues, each with the field it concerns (`root` when none). */
export function describeIssues(error: Issues, root: string, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.map(String).join('.') || root}: ${i.message}`)
    .join('; ');
}

/** Parses input with a shared schema; a mismatch is the client's mistake, answered 400 with the field named. */
export function parseOr400<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as z.infer<S>;
  throw new ClientError(400, ERROR_CODES.validation, describeIssues(parsed.error, 'body'));
}
