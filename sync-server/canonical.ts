import { createHash } from 'node:crypto';
import { normalizePhone } from '../src/domain/contact';
import type { RatingRecord } from '../src/domain/rating';

/**
 * The digest that tells an identical replay from a conflict. It hashes the record as the shared schema parsed
 * it: zod builds its output in the schema's key order, whatever order the client sent, so equal records give
 * equal text (a unit test holds this to account).
 *
 * For a rating it is never stored as is: the record holds the contact and the comment, and a plain hash of
 * them beside the masked columns gives the hidden digits away to anyone who tries them. The store keeps
 * `cipher.fingerprint(payloadHash(record))`, keyed (see ContactCipher.fingerprint). Case actions, stored in
 * the clear beside their digest, keep the plain one.
 */
export function payloadHash(parsed: RatingRecord): string {
  // publishComment false says what its absence says (private): hashed alike, so a record made before the field
  // existed and its replay with an explicit false are one record; true differs, so a changed consent is a conflict.
  const { publishComment, ...rest } = parsed;
  return createHash('sha256').update(JSON.stringify(publishComment ? parsed : rest)).digest('base64url');
}

/**
 * What makes two paper forms the same one: case number, level and evaluator (name as written, phone in its
 * normal form; absent counts as empty). Keyed by the store before it is kept, like the payload digest.
 */
export function paperDuplicateText(caseNumber: string, level: string, contact?: { name?: string; phone?: string } | null): string {
  const phone = contact?.phone ? (normalizePhone(contact.phone) ?? contact.phone) : '';
  return JSON.stringify([caseNumber.trim(), level, contact?.name ?? '', phone]);
}
