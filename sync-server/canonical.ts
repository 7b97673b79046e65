import { createHash } from 'node:crypto';
import type { RatingRecord } from '../src/domain/rating';

/**
 * The fingerprint that tells an identical replay from a conflict. It hashes the record as the shared schema
 * parsed it: zod builds its output in the schema's key order, whatever order the client sent, so equal records
 * give equal text (a unit test holds this to account).
 */
export function payloadHash(parsed: RatingRecord): string {
  return createHash('sha256').update(JSON.stringify(parsed)).digest('base64url');
}
