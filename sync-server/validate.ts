import type * as z from 'zod/mini';
import { ERROR_CODES } from '../src/domain/sync-constants';
import { ClientError } from './errors';

/** Parses input with a shared schema; a mismatch is the client's mistake, answered 400 with the field named. */
export function parseOr400<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as z.infer<S>;
  const message = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`)
    .join('; ');
  throw new ClientError(400, ERROR_CODES.validation, message);
}
